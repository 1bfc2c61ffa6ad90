package io.agentchannel.cli.bench;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.cli.internal.RolloutDriver;
import io.agentchannel.sim.RolloutPrediction;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.NetworkProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tool-loop rollouts of N calls under the {@code openai-like} cost profile and an emulated network
 * with TLS, over each transport: end-to-end time against the cost model's prediction. Each rollout
 * has its own channel, timed from its first create (so it pays its connect and TLS handshake, as
 * the prediction counts) to the final response, and checks the model's final digest of the tool
 * outputs, so a lost or duplicated output fails the run. One untimed rollout per transport warms up
 * first.
 */
final class LatencySuite {

  static final String API_KEY = "sk-bench-local";
  static final String TOOL_OUTPUT = "ok: 41 passed";
  private static final FunctionTool TOOL =
      new FunctionTool("run_tests", "Run the unit tests of a path", null, true, Map.of());

  private final BenchConfig config;
  private final RolloutDriver driver;
  private final Progress progress;

  LatencySuite(BenchConfig config, RolloutDriver driver, Progress progress) {
    this.config = config;
    this.driver = driver;
    this.progress = progress;
  }

  static CostProfile cost(double scale) {
    CostProfile c = CostProfile.openAiLike();
    return new CostProfile(
        scaled(c.httpRequestOverhead(), scale),
        scaled(c.webSocketTurnOverhead(), scale),
        scaled(c.rehydrationPerResponse(), scale),
        scaled(c.inputTokenCost(), scale),
        scaled(c.timeToFirstToken(), scale),
        scaled(c.interTokenGap(), scale),
        c.jitter());
  }

  private static Duration scaled(Duration d, double scale) {
    return Duration.ofNanos(Math.round(d.toNanos() * scale));
  }

  static CreateRequest firstRequest(int toolCalls) {
    return CreateRequest.builder()
        .model("tool-loop")
        .instructions("You are a build agent. Use the tools.")
        .tools(List.of(TOOL))
        .input(List.of(MessageItem.user("Fix the build [sim tool_calls=" + toolCalls + "]")))
        .build();
  }

  BenchResults.Latency run() throws Exception {
    CostProfile cost = cost(config.costScale());
    SimOptions simOptions =
        SimOptions.builder()
            .apiKeys(API_KEY)
            .cost(cost)
            .network(NetworkProfile.of(config.roundTrip(), 0))
            .tls(config.tls())
            .build();
    List<BenchResults.LatencyRow> rows = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(config.rollouts(), daemon());
    try (SimServer sim = SimServer.start(simOptions)) {
      Map<Integer, double[]> http = new LinkedHashMap<>();
      for (String transport : orderedHttpFirst(config.transports())) {
        // One untimed rollout per transport first: class loading, JIT and the TLS stack's first
        // handshake are not what the cells measure.
        rollouts(pool, sim, transport, firstRequest(1), 1);
        for (int n : config.toolCalls()) {
          progress.step("latency " + transport + " N=" + n);
          CreateRequest first = firstRequest(n);
          RolloutPrediction.Path path =
              transport.equals("http")
                  ? RolloutPrediction.Path.HTTP
                  : RolloutPrediction.Path.WEBSOCKET;
          double predicted =
              RolloutPrediction.toolLoop(sim.options(), path, first, TOOL_OUTPUT, n + 2).toNanos();
          long[] took = rollouts(pool, sim, transport, first, n);
          double p50 = Stats.percentile(took, took.length, 50);
          double p95 = Stats.percentile(took, took.length, 95);
          Double reduction = null;
          Double predictedReduction = null;
          if (transport.equals("http")) {
            http.put(n, new double[] {p50, predicted});
          } else if (http.containsKey(n)) {
            reduction = 100 * (1 - p50 / http.get(n)[0]);
            predictedReduction = 100 * (1 - predicted / http.get(n)[1]);
          }
          rows.add(
              new BenchResults.LatencyRow(
                  transport,
                  n,
                  took.length,
                  Stats.round(Stats.millis(p50), 1),
                  Stats.round(Stats.millis(p95), 1),
                  Stats.round(Stats.millis(predicted), 1),
                  Stats.round(Stats.millis(p50 - predicted), 1),
                  Stats.round(100 * (p50 - predicted) / p50, 1),
                  reduction == null ? null : Stats.round(reduction, 1),
                  predictedReduction == null ? null : Stats.round(predictedReduction, 1)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Double> terms = new LinkedHashMap<>();
    terms.put("httpRequestOverheadMs", ms(cost.httpRequestOverhead()));
    terms.put("webSocketTurnOverheadMs", ms(cost.webSocketTurnOverhead()));
    terms.put("rehydrationPerResponseMs", ms(cost.rehydrationPerResponse()));
    terms.put("inputTokenCostMs", ms(cost.inputTokenCost()));
    terms.put("timeToFirstTokenMs", ms(cost.timeToFirstToken()));
    terms.put("interTokenGapMs", ms(cost.interTokenGap()));
    terms.put("jitter", cost.jitter());
    String name = config.costScale() == 1.0 ? "openai-like" : "openai-like x" + config.costScale();
    return new BenchResults.Latency(
        name,
        terms,
        ms(config.roundTrip()),
        config.tls(),
        config.rollouts(),
        config.toolCalls(),
        rows);
  }

  private long[] rollouts(
      ExecutorService pool, SimServer sim, String transport, CreateRequest first, int n)
      throws Exception {
    List<Future<Long>> running = new ArrayList<>();
    for (int i = 0; i < config.rollouts(); i++) {
      running.add(pool.submit(() -> rollout(sim, transport, first, n)));
    }
    long[] took = new long[running.size()];
    for (int i = 0; i < took.length; i++) {
      try {
        took[i] = running.get(i).get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(
            "a rollout over " + transport + " failed: " + e.getCause().getMessage(), e.getCause());
      }
    }
    return took;
  }

  private long rollout(SimServer sim, String transport, CreateRequest first, int n) {
    AgentChannelOptions.Builder builder =
        AgentChannelOptions.builder()
            .systemProperties(new Properties())
            .environment(Map.of())
            .transport(transport)
            .baseUrl(sim.baseUrl())
            .apiKey(API_KEY);
    if (sim.tls()) {
      builder.trustStore(sim.trustStore());
    }
    AgentChannelOptions options = builder.build();
    // The clock starts after the channel object exists (an application builds it once) and
    // before its first create, so the rollout pays its connect and handshake, as predicted.
    try (AgentChannel channel = AgentChannels.create(options)) {
      long start = System.nanoTime();
      RolloutDriver.Result result = driver.run(channel, first, call -> TOOL_OUTPUT, n + 2, null);
      long took = System.nanoTime() - start;
      String expected = ToolLoopDigest.answer(result.outputs());
      if (result.outputs().size() != n || !expected.equals(result.last().outputText())) {
        throw new IllegalStateException(
            "the rollout's tool outputs do not match the model's digest ("
                + result.last().outputText()
                + ")");
      }
      return took;
    }
  }

  static List<String> orderedHttpFirst(List<String> transports) {
    List<String> ordered = new ArrayList<>();
    if (transports.contains("http")) {
      ordered.add("http");
    }
    transports.stream().filter(t -> !t.equals("http")).forEach(ordered::add);
    return ordered;
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1_000_000.0;
  }

  static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "agentchannel-bench");
      t.setDaemon(true);
      return t;
    };
  }
}
