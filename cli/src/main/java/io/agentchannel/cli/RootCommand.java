package io.agentchannel.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The top-level {@code agentchannel} command: its subcommands and the inherited options. */
@Command(
    name = "agentchannel",
    mixinStandardHelpOptions = true,
    version = "agentchannel 0.1.0-SNAPSHOT",
    description = "AgentChannel: benchmark the transports, run the simulator, run an agent.",
    subcommands = {BenchCommand.class, SimCommand.class, RunCommand.class})
final class RootCommand implements Runnable {

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of failures.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> environment;

  RootCommand(Map<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  Map<String, String> environment() {
    return environment;
  }
}
