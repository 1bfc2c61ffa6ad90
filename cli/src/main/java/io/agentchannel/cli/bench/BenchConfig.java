package io.agentchannel.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a bench run measures and where it writes. Immutable; validated on construction.
 *
 * @param transports the transport ids to compare (each must be on the classpath)
 * @param toolCalls the N of the latency suite's rollouts
 * @param rollouts rollouts per transport and N (run at the same time, each on its own channel)
 * @param roundTrip the emulated network's round-trip time in the latency suite
 * @param tls whether the simulator serves TLS in the latency suite
 * @param concurrency the throughput suite's session counts
 * @param warmup the throughput suite's warm-up per client and concurrency
 * @param measure the throughput suite's measurement per client and concurrency
 * @param peerWarmup an unmeasured run of each official-client peer before its cells (it needs a
 *     long warm-up before its throughput is steady)
 * @param answerTokens text deltas per throughput turn
 * @param costScale multiplies every term of the latency suite's {@code openai-like} profile (1 in
 *     the default suite; smaller in {@code --quick})
 * @param outputRoot where {@code <timestamp>/results.json} and {@code report.html} go
 */
public record BenchConfig(
    List<String> transports,
    List<Integer> toolCalls,
    int rollouts,
    Duration roundTrip,
    boolean tls,
    List<Integer> concurrency,
    Duration warmup,
    Duration measure,
    Duration peerWarmup,
    int answerTokens,
    double costScale,
    Path outputRoot) {

  public BenchConfig {
    transports = List.copyOf(transports);
    toolCalls = List.copyOf(toolCalls);
    concurrency = List.copyOf(concurrency);
    Objects.requireNonNull(roundTrip, "roundTrip");
    Objects.requireNonNull(outputRoot, "outputRoot");
    if (transports.isEmpty()) {
      throw new IllegalArgumentException("no transport to benchmark");
    }
    for (int n : toolCalls) {
      if (n < 0) {
        throw new IllegalArgumentException("tool calls must not be negative, got " + n);
      }
    }
    for (int c : concurrency) {
      if (c < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1, got " + c);
      }
    }
    if (rollouts < 1) {
      throw new IllegalArgumentException("rollouts must be at least 1, got " + rollouts);
    }
    if (roundTrip.isNegative()) {
      throw new IllegalArgumentException("the round-trip time must not be negative");
    }
    if (warmup.isNegative() || measure.isNegative() || measure.isZero()) {
      throw new IllegalArgumentException("the measurement time must be positive");
    }
    if (answerTokens < 1) {
      throw new IllegalArgumentException("answer tokens must be at least 1, got " + answerTokens);
    }
    if (!(costScale > 0)) {
      throw new IllegalArgumentException("the cost scale must be positive, got " + costScale);
    }
  }

  /** The default suite: a few minutes on 2 cores. */
  public static BenchConfig defaults(List<String> transports, Path outputRoot) {
    return new BenchConfig(
        transports,
        List.of(1, 5, 10, 20, 40),
        5,
        Duration.ofMillis(20),
        true,
        List.of(1, 16, 64, 256),
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Duration.ofSeconds(15),
        16,
        1.0,
        outputRoot);
  }

  /** A run of seconds that exercises every part (for tests and a first look). */
  public static BenchConfig quick(List<String> transports, Path outputRoot) {
    return new BenchConfig(
        transports,
        List.of(1, 3),
        2,
        Duration.ofMillis(2),
        true,
        List.of(1, 8),
        Duration.ofMillis(300),
        Duration.ofMillis(500),
        Duration.ofMillis(300),
        8,
        0.1,
        outputRoot);
  }
}
