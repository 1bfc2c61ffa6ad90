package io.agentchannel.cli;

import io.agentchannel.sim.SimCommandLine;
import io.agentchannel.sim.SimMain;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    SimCommandLine.Parsed parsed;
    try {
      parsed = SimCommandLine.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new AgentChannelCli.UsageException(e.getMessage());
    }
    if (!parsed.help()) {
      requireFree(parsed.options().host(), parsed.options().port());
    }
    SimMain.main(args.toArray(String[]::new));
    return 0;
  }

  /** Fails with one sentence when the port is taken, before the simulator starts. */
  static void requireFree(String host, int port) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + host + " is in use");
    }
  }
}
