package io.agentchannel.cli;

import io.agentchannel.sim.SimCommandLine;
import io.agentchannel.sim.SimMain;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code agentchannel sim}: the standalone simulator. Every argument goes to server-sim's own
 * command line ({@link SimMain}); {@code --help} prints its flags. A bad flag is reported here,
 * before the server starts.
 */
@Command(
    name = "sim",
    description = "Run the simulated Responses API server (flags as server-sim's SimMain; --help).")
final class SimCommand implements Callable<Integer> {

  @Unmatched List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    try {
      SimCommandLine.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new AgentChannelCli.UsageException(e.getMessage());
    }
    SimMain.main(args.toArray(String[]::new));
    return 0;
  }
}
