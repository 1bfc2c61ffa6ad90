package io.agentchannel.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/**
 * The entry point of the {@code agentchannel} command and its subcommands {@code bench}, {@code
 * sim} and {@code run}.
 *
 * <p>Bad input (an unknown option or transport, impossible settings, a port in use, a missing API
 * key) ends with one sentence on standard error and a non-zero exit code: 2 for a bad command line,
 * 1 for a failure while running. A stack trace follows only with {@code --verbose}.
 *
 * <p>Not thread-safe: one invocation at a time per {@link #execute} call.
 */
public final class AgentChannelCli {

  /** Exit code for a command line that cannot be run (bad option, impossible setting). */
  public static final int EXIT_USAGE = 2;

  /** Exit code for a failure while running. */
  public static final int EXIT_FAILURE = 1;

  private AgentChannelCli() {}

  /** Runs the command with the process's streams and environment, then exits with its code. */
  public static void main(String[] args) {
    int code = execute(args, System.out, System.err, System.getenv());
    System.exit(code);
  }

  /**
   * Runs the command line and returns its exit code; never calls {@link System#exit} and never
   * throws for bad input.
   */
  public static int execute(
      String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    RootCommand root = new RootCommand(environment);
    CommandLine cli =
        new CommandLine(
            root,
            new CommandLine.IFactory() {
              @Override
              public <K> K create(Class<K> type) throws Exception {
                if (type == BenchCommand.class) {
                  return type.cast(new BenchCommand(root, out, err));
                }
                if (type == RunCommand.class) {
                  return type.cast(new RunCommand(root, out));
                }
                if (type == SimCommand.class) {
                  return type.cast(new SimCommand());
                }
                return CommandLine.defaultFactory().create(type);
              }
            });
    PrintWriter outWriter = new PrintWriter(out, true);
    PrintWriter errWriter = new PrintWriter(err, true);
    cli.setOut(outWriter);
    cli.setErr(errWriter);
    cli.setParameterExceptionHandler(
        (ex, arguments) -> {
          CommandLine at = ex.getCommandLine();
          errWriter.println(at.getCommandName() + ": " + sentence(ex.getMessage()));
          errWriter.println("Try '" + at.getCommandSpec().qualifiedName() + " --help'.");
          if (root.verbose) {
            ex.printStackTrace(errWriter);
          }
          return EXIT_USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, at, parsed) -> {
          boolean usage = ex instanceof UsageException;
          errWriter.println(at.getCommandName() + ": " + sentence(describe(ex)));
          if (root.verbose) {
            ex.printStackTrace(errWriter);
          }
          return usage ? EXIT_USAGE : EXIT_FAILURE;
        });
    return cli.execute(args);
  }

  private static String describe(Throwable ex) {
    Throwable t = ex;
    while ((t.getMessage() == null || t.getMessage().isBlank()) && t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The message as one sentence: first line only, ending with a full stop. */
  static String sentence(String message) {
    String line = message.strip().lines().findFirst().orElse("failed");
    return line.endsWith(".") ? line : line + ".";
  }

  /** A command line that names something impossible: exit code 2, one sentence. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
