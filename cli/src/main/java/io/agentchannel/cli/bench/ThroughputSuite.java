package io.agentchannel.cli.bench;

import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.TransportProvider;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Short turns as fast as they go under the {@code instant} profile (no network emulation, no TLS)
 * at each concurrency: turns/s, streamed deltas/s, turn latency, CPU per turn; for each transport
 * and for the raw baseline, against one embedded simulator.
 */
final class ThroughputSuite {

  static final String CPU_NOTE =
      "process CPU time (client and the embedded simulator share the JVM) over the measurement,"
          + " divided by turns; the raw baseline's row shows the simulator's share plus a minimal"
          + " client";

  private final BenchConfig config;
  private final Map<String, TransportProvider> providers;
  private final Progress progress;

  ThroughputSuite(BenchConfig config, Map<String, TransportProvider> providers, Progress progress) {
    this.config = config;
    this.providers = providers;
    this.progress = progress;
  }

  BenchResults.Throughput run() throws Exception {
    List<BenchResults.ThroughputRow> rows = new ArrayList<>();
    SimOptions options =
        SimOptions.builder().apiKeys(LatencySuite.API_KEY).cost(CostProfile.instant()).build();
    try (SimServer sim = SimServer.start(options)) {
      List<String> clients = new ArrayList<>(LatencySuite.orderedHttpFirst(config.transports()));
      clients.addAll(Peers.ids());
      clients.add("raw");
      for (String client : clients) {
        if (Peers.ids().contains(client)) {
          progress.step("throughput " + client + " warm-up");
          try (Clients c = open(sim, client, Math.min(16, max(config.concurrency())))) {
            c.start((session, nanos, deltas, failed) -> {});
            sleep(config.peerWarmup());
            c.stopAndAwait();
          }
        }
        for (int sessions : config.concurrency()) {
          progress.step("throughput " + client + " x" + sessions);
          try (Clients c = open(sim, client, sessions)) {
            rows.add(measure(client, sessions, c));
          }
        }
      }
    }
    return new BenchResults.Throughput(
        "instant",
        config.answerTokens(),
        config.warmup().toMillis() / 1000.0,
        config.measure().toMillis() / 1000.0,
        config.concurrency(),
        CPU_NOTE,
        rows);
  }

  private Clients open(SimServer sim, String client, int sessions) throws Exception {
    if (Peers.ids().contains(client)) {
      return Peers.open(
          client, sim.baseUrl(), LatencySuite.API_KEY, sessions, config.answerTokens());
    }
    if (client.equals("raw")) {
      return new RawClients(
          sim.webSocketUrl(), LatencySuite.API_KEY, sessions, config.answerTokens());
    }
    return new Clients.OverTransport(
        providers.get(client),
        sim.baseUrl(),
        LatencySuite.API_KEY,
        sessions,
        config.answerTokens());
  }

  private BenchResults.ThroughputRow measure(String client, int sessions, Clients clients)
      throws Exception {
    Window window = new Window();
    clients.start(window);
    sleep(config.warmup());
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    window.open();
    sleep(config.measure());
    window.close();
    long elapsed = System.nanoTime() - t0;
    long cpu = os.getProcessCpuTime() - cpu0;
    clients.stopAndAwait();
    long turns = window.turns.get();
    double seconds = elapsed / 1e9;
    long[] latencies = window.latencies();
    return new BenchResults.ThroughputRow(
        client,
        sessions,
        turns,
        window.errors.get(),
        Stats.round(turns / seconds, 1),
        Stats.round(window.deltas.get() / seconds, 1),
        Stats.round(Stats.millis(Stats.percentile(latencies, latencies.length, 50)), 3),
        Stats.round(Stats.millis(Stats.percentile(latencies, latencies.length, 99)), 3),
        turns == 0 ? Double.NaN : Stats.round(Stats.millis((double) cpu / turns), 4));
  }

  private static int max(java.util.List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).max().orElse(1);
  }

  private static void sleep(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /** Counts only the turns that finish while the window is open. */
  private static final class Window implements Clients.TurnRecorder {
    private volatile boolean open;
    final AtomicLong turns = new AtomicLong();
    final AtomicLong deltas = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private long[] samples = new long[1 << 16];
    private int count;

    void open() {
      open = true;
    }

    void close() {
      open = false;
    }

    @Override
    public void turn(int session, long nanos, int turnDeltas, boolean failed) {
      if (failed) {
        errors.incrementAndGet();
      }
      if (!open) {
        return;
      }
      if (!failed) {
        turns.incrementAndGet();
        deltas.addAndGet(turnDeltas);
      }
      synchronized (this) {
        if (count == samples.length) {
          samples = java.util.Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
      }
    }

    synchronized long[] latencies() {
      return java.util.Arrays.copyOf(samples, count);
    }
  }
}
