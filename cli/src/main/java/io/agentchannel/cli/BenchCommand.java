package io.agentchannel.cli;

import io.agentchannel.cli.bench.BenchConfig;
import io.agentchannel.cli.bench.BenchRunner;
import io.agentchannel.cli.bench.Progress;
import io.agentchannel.cli.bench.TextTableOutput;
import io.agentchannel.cli.internal.ChannelRolloutDriver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code agentchannel bench}: every transport on the classpath against the embedded simulator, the
 * default suite or {@code --quick}, with overrides for each dimension.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark every transport against the embedded simulator: rollout latency under the"
          + " openai-like profile with network round trips and TLS, and throughput under the"
          + " instant profile, beside a raw baseline.",
      "Writes a table to stdout and bench-results/<timestamp>/results.json and report.html."
    })
final class BenchCommand implements Callable<Integer> {

  private final RootCommand root;
  private final PrintStream out;
  private final PrintStream err;

  @Option(names = "--quick", description = "A run of seconds with small settings.")
  boolean quick;

  @Option(
      names = "--transports",
      split = ",",
      paramLabel = "ID",
      description = "Transports to compare (default: every one on the classpath).")
  List<String> transports;

  @Option(
      names = "--tool-calls",
      split = ",",
      paramLabel = "N",
      description = "Tool calls per rollout in the latency suite (default 1,5,10,20,40).")
  List<Integer> toolCalls;

  @Option(
      names = "--rollouts",
      paramLabel = "R",
      description = "Rollouts per transport and N (default 5).")
  Integer rollouts;

  @Option(
      names = "--concurrency",
      split = ",",
      paramLabel = "C",
      description = "Sessions in the throughput suite (default 1,16,64,256).")
  List<Integer> concurrency;

  @Option(
      names = "--rtt",
      paramLabel = "MS",
      description = "Emulated round-trip time in ms in the latency suite (default 20).")
  Long rttMillis;

  @Option(names = "--no-tls", description = "Latency suite without TLS.")
  boolean noTls;

  @Option(
      names = "--measure",
      paramLabel = "SECONDS",
      description = "Throughput measurement per cell in seconds (default 3).")
  Double measureSeconds;

  @Option(
      names = "--output",
      paramLabel = "DIR",
      description = "Where the timestamped result folders go (default bench-results).")
  Path output = Path.of("bench-results");

  BenchCommand(RootCommand root, PrintStream out, PrintStream err) {
    this.root = root;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    BenchConfig config;
    try {
      config = config();
    } catch (IllegalArgumentException e) {
      throw new AgentChannelCli.UsageException(e.getMessage());
    }
    List<String> available = new ArrayList<>(BenchRunner.providers().keySet());
    for (String t : config.transports()) {
      if (!available.contains(t)) {
        throw new AgentChannelCli.UsageException(
            "unknown transport '" + t + "' (available: " + String.join(", ", available) + ")");
      }
    }
    Progress progress =
        new Progress(err, err == System.err && System.console() != null, BenchRunner.steps(config));
    BenchRunner.Outcome outcome =
        new BenchRunner(
                config,
                new ChannelRolloutDriver(),
                "ChannelRolloutDriver (the cli's tool loop over AgentChannel)",
                progress,
                commandLine())
            .run();
    TextTableOutput.print(outcome.results(), out);
    out.println();
    out.println("results: " + outcome.directory().resolve("results.json"));
    out.println("report:  " + outcome.directory().resolve("report.html"));
    return 0;
  }

  private String commandLine() {
    StringBuilder s = new StringBuilder("agentchannel bench");
    if (quick) {
      s.append(" --quick");
    }
    if (transports != null) {
      s.append(" --transports ").append(String.join(",", transports));
    }
    if (toolCalls != null) {
      s.append(" --tool-calls ").append(join(toolCalls));
    }
    if (rollouts != null) {
      s.append(" --rollouts ").append(rollouts);
    }
    if (concurrency != null) {
      s.append(" --concurrency ").append(join(concurrency));
    }
    if (rttMillis != null) {
      s.append(" --rtt ").append(rttMillis);
    }
    if (noTls) {
      s.append(" --no-tls");
    }
    if (measureSeconds != null) {
      s.append(" --measure ").append(measureSeconds);
    }
    return s.toString();
  }

  private static String join(List<Integer> values) {
    return String.join(",", values.stream().map(String::valueOf).toList());
  }

  BenchConfig config() {
    List<String> ids =
        transports != null ? transports : new ArrayList<>(BenchRunner.providers().keySet());
    BenchConfig base = quick ? BenchConfig.quick(ids, output) : BenchConfig.defaults(ids, output);
    if (rttMillis != null && rttMillis < 0) {
      throw new IllegalArgumentException("--rtt must not be negative, got " + rttMillis);
    }
    if (measureSeconds != null && !(measureSeconds > 0)) {
      throw new IllegalArgumentException("--measure must be positive, got " + measureSeconds);
    }
    return new BenchConfig(
        ids,
        toolCalls != null ? toolCalls : base.toolCalls(),
        rollouts != null ? rollouts : base.rollouts(),
        rttMillis != null ? Duration.ofMillis(rttMillis) : base.roundTrip(),
        !noTls && base.tls(),
        concurrency != null ? concurrency : base.concurrency(),
        base.warmup(),
        measureSeconds != null
            ? Duration.ofMillis(Math.round(measureSeconds * 1000))
            : base.measure(),
        base.peerWarmup(),
        base.answerTokens(),
        base.costScale(),
        output);
  }
}
