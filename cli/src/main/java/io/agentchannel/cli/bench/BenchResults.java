package io.agentchannel.cli.bench;

import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, with the settings that produced it: what {@code results.json}
 * holds (schema {@value #SCHEMA}) and what the table and the HTML report are drawn from. Immutable.
 *
 * @param schema always {@value #SCHEMA}
 * @param date the run's start, ISO-8601 UTC
 * @param command the command line that produced the run
 * @param machine where it ran
 * @param driver which rollout driver the latency suite used
 * @param latency the latency suite
 * @param throughput the throughput suite
 * @param peers what happened to the peers (the official client) in this run
 * @param goals the goals, each with what was measured
 */
public record BenchResults(
    String schema,
    String date,
    String command,
    Machine machine,
    String driver,
    Latency latency,
    Throughput throughput,
    List<String> peers,
    List<Goal> goals) {

  /** The version of the {@code results.json} layout. */
  public static final String SCHEMA = "agentchannel-bench/1";

  /** The machine a run measured on. */
  public record Machine(
      int cores, String jdk, String jvm, String os, String arch, long maxHeapMb) {}

  /**
   * The latency suite: tool-loop rollouts under a cost and network profile.
   *
   * @param costProfile the simulator's cost profile name
   * @param costTerms every term of it, in milliseconds (jitter as a fraction)
   * @param roundTripMs the emulated network's round-trip time
   * @param tls whether the simulator served TLS
   * @param rollouts rollouts per transport and N, run at the same time on separate channels
   * @param rows one per transport and N
   */
  public record Latency(
      String costProfile,
      Map<String, Double> costTerms,
      double roundTripMs,
      boolean tls,
      int rollouts,
      List<Integer> toolCalls,
      List<LatencyRow> rows) {}

  /**
   * One transport at one N.
   *
   * @param p50Ms median end-to-end rollout time
   * @param p95Ms 95th percentile (nearest rank) of the rollout times
   * @param predictedMs the cost model's lower bound (server terms and network round trips)
   * @param overheadMs p50 − predicted
   * @param overheadPercent overhead as a share of p50
   * @param reductionVsHttpPercent 1 − p50 / HTTP's p50, in percent (null for HTTP itself)
   * @param predictedReductionVsHttpPercent the same from the predictions
   */
  public record LatencyRow(
      String transport,
      int toolCalls,
      int rollouts,
      double p50Ms,
      double p95Ms,
      double predictedMs,
      double overheadMs,
      double overheadPercent,
      Double reductionVsHttpPercent,
      Double predictedReductionVsHttpPercent) {}

  /**
   * The throughput suite: short turns under the {@code instant} profile, no network emulation.
   *
   * @param answerTokens streamed text deltas per turn
   * @param cpuNote what the CPU figure covers
   */
  public record Throughput(
      String costProfile,
      int answerTokens,
      double warmupSeconds,
      double measureSeconds,
      List<Integer> concurrency,
      String cpuNote,
      List<ThroughputRow> rows) {}

  /**
   * One client at one concurrency.
   *
   * @param client a transport id, or {@code raw} for the baseline
   * @param cpuMsPerTurn process CPU time over the measurement divided by turns
   */
  public record ThroughputRow(
      String client,
      int concurrency,
      long turns,
      long errors,
      double turnsPerSecond,
      double deltasPerSecond,
      double p50Ms,
      double p99Ms,
      double cpuMsPerTurn) {}

  /**
   * One of the goals.
   *
   * @param verdict {@code met}, {@code missed} or {@code not measured}
   */
  public record Goal(String name, String target, String measured, String verdict) {}
}
