package io.agentchannel.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The goals, evaluated against a run's figures; reported, never adjusted. Stateless. */
final class Goals {

  static final int OVERHEAD_AT = 20;
  static final int THROUGHPUT_AT = 64;

  private Goals() {}

  static List<BenchResults.Goal> evaluate(
      BenchResults.Latency latency, BenchResults.Throughput throughput) {
    List<BenchResults.Goal> goals = new ArrayList<>();
    int n = latency.toolCalls().contains(OVERHEAD_AT) ? OVERHEAD_AT : maxN(latency);
    for (BenchResults.LatencyRow row : latency.rows()) {
      if (row.toolCalls() == n) {
        goals.add(
            new BenchResults.Goal(
                "framework overhead of " + row.transport() + " at N=" + n,
                "<= 5% of end-to-end time",
                String.format(
                    Locale.ROOT,
                    "%.1f%% (p50 %.1f ms, predicted %.1f ms)",
                    row.overheadPercent(),
                    row.p50Ms(),
                    row.predictedMs()),
                row.overheadPercent() <= 5 ? "met" : "missed"));
      }
    }
    for (BenchResults.LatencyRow row : latency.rows()) {
      if (row.toolCalls() == n && row.reductionVsHttpPercent() != null) {
        goals.add(
            new BenchResults.Goal(
                "reduction of " + row.transport() + " against http at N=" + n,
                "reported",
                String.format(
                    Locale.ROOT,
                    "%.1f%% faster (predicted %.1f%%) under %s %s, rtt %s ms, TLS %s",
                    row.reductionVsHttpPercent(),
                    row.predictedReductionVsHttpPercent(),
                    latency.costProfile(),
                    latency.costTerms(),
                    TextTableOutput.fmt(latency.roundTripMs()),
                    latency.tls() ? "on" : "off"),
                "reported"));
      }
    }
    int c =
        throughput.concurrency().contains(THROUGHPUT_AT)
            ? THROUGHPUT_AT
            : throughput.concurrency().get(throughput.concurrency().size() - 1);
    Optional<BenchResults.ThroughputRow> bestWebSocket =
        throughput.rows().stream()
            .filter(r -> r.concurrency() == c)
            .filter(r -> !r.client().equals("raw") && !r.client().equals("http"))
            .filter(r -> !r.client().startsWith("official-"))
            .max((a, b) -> Double.compare(a.turnsPerSecond(), b.turnsPerSecond()));
    Optional<BenchResults.ThroughputRow> raw =
        throughput.rows().stream()
            .filter(r -> r.concurrency() == c && r.client().equals("raw"))
            .findFirst();
    Optional<BenchResults.ThroughputRow> official =
        throughput.rows().stream()
            .filter(r -> r.concurrency() == c && r.client().equals("official-ws"))
            .findFirst();
    if (bestWebSocket.isPresent() && official.isPresent()) {
      double ratio = bestWebSocket.get().turnsPerSecond() / official.get().turnsPerSecond();
      goals.add(
          new BenchResults.Goal(
              "best WebSocket transport against the official client at " + c + " sessions",
              ">= 1.5x its turns/s",
              String.format(
                  Locale.ROOT,
                  "%.2fx (%s %.0f turns/s, official-ws %.0f turns/s)",
                  ratio,
                  bestWebSocket.get().client(),
                  bestWebSocket.get().turnsPerSecond(),
                  official.get().turnsPerSecond()),
              ratio >= 1.5 ? "met" : "missed"));
    } else {
      goals.add(
          new BenchResults.Goal(
              "best WebSocket transport against the official client at " + c + " sessions",
              ">= 1.5x its turns/s",
              "official client not included (build with -Ppeers)",
              "not measured"));
    }
    if (bestWebSocket.isPresent() && raw.isPresent()) {
      double ratio = bestWebSocket.get().turnsPerSecond() / raw.get().turnsPerSecond();
      goals.add(
          new BenchResults.Goal(
              "best WebSocket transport against the raw baseline at " + c + " sessions",
              ">= 0.5x its turns/s",
              String.format(
                  Locale.ROOT,
                  "%.2fx (%s %.0f turns/s, raw %.0f turns/s)",
                  ratio,
                  bestWebSocket.get().client(),
                  bestWebSocket.get().turnsPerSecond(),
                  raw.get().turnsPerSecond()),
              ratio >= 0.5 ? "met" : "missed"));
    } else {
      goals.add(
          new BenchResults.Goal(
              "best WebSocket transport against the raw baseline at " + c + " sessions",
              ">= 0.5x its turns/s",
              "no WebSocket transport in this run",
              "not measured"));
    }
    return goals;
  }

  private static int maxN(BenchResults.Latency latency) {
    return latency.toolCalls().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
