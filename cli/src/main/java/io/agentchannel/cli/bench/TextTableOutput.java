package io.agentchannel.cli.bench;

import java.io.PrintStream;
import java.util.Locale;

/** The results as plain-text tables for standard output. Stateless. */
public final class TextTableOutput {

  private TextTableOutput() {}

  /** Prints the run as tables. */
  public static void print(BenchResults r, PrintStream out) {
    BenchResults.Machine m = r.machine();
    out.printf(
        "agentchannel bench  %s  %d cores  JDK %s (%s)  %s %s  driver: %s%n",
        r.date(), m.cores(), m.jdk(), m.jvm(), m.os(), m.arch(), r.driver());
    BenchResults.Latency l = r.latency();
    out.printf(
        "%nLatency: tool-loop rollouts, cost profile %s %s, network rtt=%sms, TLS %s, %d"
            + " rollouts per cell%n",
        l.costProfile(), l.costTerms(), fmt(l.roundTripMs()), l.tls() ? "on" : "off", l.rollouts());
    out.printf(
        "%-10s %4s %10s %10s %12s %12s %10s %14s%n",
        "transport", "N", "p50 ms", "p95 ms", "predicted", "overhead ms", "overhead", "vs http");
    for (BenchResults.LatencyRow row : l.rows()) {
      out.printf(
          "%-10s %4d %10s %10s %12s %12s %9s%% %14s%n",
          row.transport(),
          row.toolCalls(),
          fmt(row.p50Ms()),
          fmt(row.p95Ms()),
          fmt(row.predictedMs()),
          fmt(row.overheadMs()),
          fmt(row.overheadPercent()),
          row.reductionVsHttpPercent() == null
              ? "-"
              : String.format(
                  Locale.ROOT,
                  "-%s%% (pred -%s%%)",
                  fmt(row.reductionVsHttpPercent()),
                  fmt(row.predictedReductionVsHttpPercent())));
    }
    BenchResults.Throughput t = r.throughput();
    out.printf(
        "%nThroughput: cost profile %s, %d text deltas per turn, warm-up %ss, measured %ss%n",
        t.costProfile(), t.answerTokens(), fmt(t.warmupSeconds()), fmt(t.measureSeconds()));
    out.printf(
        "%-14s %6s %12s %12s %10s %10s %12s %7s%n",
        "client", "conc", "turns/s", "deltas/s", "p50 ms", "p99 ms", "cpu ms/turn", "errors");
    for (BenchResults.ThroughputRow row : t.rows()) {
      out.printf(
          "%-14s %6d %12s %12s %10s %10s %12s %7d%n",
          row.client(),
          row.concurrency(),
          fmt(row.turnsPerSecond()),
          fmt(row.deltasPerSecond()),
          fmt(row.p50Ms()),
          fmt(row.p99Ms()),
          fmt(row.cpuMsPerTurn()),
          row.errors());
    }
    out.printf("CPU: %s.%n", t.cpuNote());
    out.printf("%nPeers:%n");
    r.peers().forEach(p -> out.println("  " + p));
    out.printf("%nGoals:%n");
    for (BenchResults.Goal g : r.goals()) {
      out.printf("  [%s] %s (target %s): %s%n", g.verdict(), g.name(), g.target(), g.measured());
    }
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v);
  }
}
