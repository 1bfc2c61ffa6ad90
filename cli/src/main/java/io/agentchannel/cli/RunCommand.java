package io.agentchannel.cli;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.cli.internal.ChannelRolloutDriver;
import io.agentchannel.cli.internal.ReadOnlyTools;
import io.agentchannel.cli.internal.RolloutDriver;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ServerEvent;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code agentchannel run}: one agent rollout against a real endpoint, streaming the model's text
 * to standard output. The model gets two read-only tools confined to the working directory. The API
 * key comes from {@code OPENAI_API_KEY} only (never from the command line, where it would show in
 * process listings); it may be absent only for a loopback base URL.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run an agent against a Responses API endpoint (API key from OPENAI_API_KEY), with two"
            + " read-only tools (list_files, read_file) confined to the working directory.")
final class RunCommand implements Callable<Integer> {

  private final RootCommand root;
  private final PrintStream out;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "The endpoint (default ${DEFAULT-VALUE}).")
  String baseUrl = "https://api.openai.com/v1";

  @Option(
      names = "--transport",
      paramLabel = "ID",
      description = "http, websocket, vertx or auto (default ${DEFAULT-VALUE}).")
  String transport = "auto";

  @Option(names = "--model", paramLabel = "MODEL", description = "Default ${DEFAULT-VALUE}.")
  String model = "gpt-5-mini";

  @Option(
      names = "--max-turns",
      paramLabel = "N",
      description = "Give up after this many turns (default ${DEFAULT-VALUE}).")
  int maxTurns = 12;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description = "The directory the tools may read (default: the working directory).")
  Path directory = Path.of(".");

  @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "What to ask the agent.")
  List<String> prompt;

  RunCommand(RootCommand root, PrintStream out) {
    this.root = root;
    this.out = out;
  }

  @Override
  public Integer call() throws Exception {
    if (maxTurns < 1) {
      throw new AgentChannelCli.UsageException("--max-turns must be at least 1, got " + maxTurns);
    }
    Set<String> available = new TreeSet<>(AgentChannels.availableTransports());
    if (!transport.equals("auto") && !available.contains(transport)) {
      throw new AgentChannelCli.UsageException(
          "unknown transport '"
              + transport
              + "' (available: auto, "
              + String.join(", ", available)
              + ")");
    }
    AgentChannelOptions options;
    try {
      AgentChannelOptions.Builder builder =
          AgentChannelOptions.builder()
              .systemProperties(new Properties())
              .environment(root.environment())
              .transport(transport)
              .baseUrl(baseUrl);
      options = builder.build();
      options.requireApiKeyUnlessLoopback();
    } catch (ConfigurationException | IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().toLowerCase().contains("api key")) {
        throw new AgentChannelCli.UsageException(
            "no API key: set OPENAI_API_KEY to run against " + baseUrl);
      }
      throw new AgentChannelCli.UsageException(e.getMessage());
    }
    ReadOnlyTools tools = new ReadOnlyTools(directory);
    CreateRequest first =
        CreateRequest.builder()
            .model(model)
            .instructions(
                "You are a helpful agent. You may list and read files of the working directory"
                    + " with the tools. Answer briefly.")
            .tools(tools.definitions())
            .input(List.of(MessageItem.user(String.join(" ", prompt))))
            .build();
    try (AgentChannel channel = AgentChannels.create(options)) {
      RolloutDriver.Result result =
          new ChannelRolloutDriver()
              .run(
                  channel,
                  first,
                  tools,
                  maxTurns,
                  event -> {
                    if (event instanceof ServerEvent.OutputTextDelta delta) {
                      out.print(delta.delta());
                      out.flush();
                    }
                  });
      out.println();
      out.printf(
          "(%d turns, %d tool calls, transport %s)%n",
          result.turns(), result.outputs().size(), channel.transportId());
    }
    return 0;
  }
}
