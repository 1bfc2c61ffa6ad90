package io.agentchannel.cli.bench;

import io.agentchannel.cli.internal.RolloutDriver;
import io.agentchannel.spi.TransportProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Runs a whole bench: the latency suite, the throughput suite, the goals; then writes {@code
 * results.json} and {@code report.html} under {@code <outputRoot>/<timestamp>/}. Blocks the caller
 * for the run; every simulator, transport and thread it starts is closed before it returns.
 */
public final class BenchRunner {

  private final BenchConfig config;
  private final RolloutDriver driver;
  private final String driverName;
  private final Progress progress;
  private final String command;

  /**
   * @param driverName how the report names the driver (which rollout loop the figures used)
   * @param command the command line, for the report
   */
  public BenchRunner(
      BenchConfig config,
      RolloutDriver driver,
      String driverName,
      Progress progress,
      String command) {
    this.config = config;
    this.driver = driver;
    this.driverName = driverName;
    this.progress = progress;
    this.command = command;
  }

  /** The transports on the classpath by id. */
  public static Map<String, TransportProvider> providers() {
    Map<String, TransportProvider> found = new LinkedHashMap<>();
    for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
      found.putIfAbsent(p.id(), p);
    }
    return found;
  }

  /** The steps a run announces to its {@link Progress}. */
  public static int steps(BenchConfig config) {
    return config.transports().size() * config.toolCalls().size()
        + (config.transports().size() + 1) * config.concurrency().size()
        + Peers.ids().size() * (config.concurrency().size() + 1);
  }

  /** What a run produced and where. */
  public record Outcome(BenchResults results, Path directory) {}

  /** Runs the suites and writes the outputs. */
  public Outcome run() throws Exception {
    Map<String, TransportProvider> providers = providers();
    for (String t : config.transports()) {
      if (!providers.containsKey(t)) {
        throw new IllegalArgumentException(
            "unknown transport '"
                + t
                + "' (available: "
                + String.join(", ", providers.keySet())
                + ")");
      }
    }
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    BenchResults.Latency latency = new LatencySuite(config, driver, progress).run();
    BenchResults.Throughput throughput = new ThroughputSuite(config, providers, progress).run();
    progress.finish();
    List<String> peers =
        List.of(
            Peers.included()
                ? "official client (openai-java "
                    + Peers.VERSION
                    + "): official-ws (its"
                    + " WebSocket connection) and official-http (its HTTP streaming), one thread per"
                    + " session, after an unmeasured warm-up of "
                    + TextTableOutput.fmt(config.peerWarmup().toMillis() / 1000.0)
                    + " s each"
                : "official client: not included (build with -Ppeers)",
            "raw baseline: JDK WebSocket client writing pre-serialized response.create frames and"
                + " reading frames without parsing beyond the event type");
    BenchResults results =
        new BenchResults(
            BenchResults.SCHEMA,
            started.toString(),
            command,
            machine(),
            driverName,
            latency,
            throughput,
            peers,
            Goals.evaluate(latency, throughput));
    Path dir =
        config
            .outputRoot()
            .resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(started));
    Files.createDirectories(dir);
    ResultsJson.write(results, dir.resolve("results.json"));
    HtmlReport.write(results, dir.resolve("report.html"));
    return new Outcome(results, dir);
  }

  static BenchResults.Machine machine() {
    return new BenchResults.Machine(
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("os.arch"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  static Optional<String> jvmArguments() {
    List<String> args = new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
    return args.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", args));
  }

  static void ensureWritable(Path root) throws IOException {
    Files.createDirectories(root);
  }
}
