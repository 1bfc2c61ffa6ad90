package io.agentchannel.sim.data;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What the simulated service spends on a turn, term by term. Every term is a setting; nothing else
 * in the simulator sleeps. The network path is not part of this profile: it is emulated byte by
 * byte by {@link NetworkProfile}.
 *
 * <p>Where each term applies, in the order a turn pays them:
 *
 * <ol>
 *   <li>{@code httpRequestOverhead} before {@code response.created} of every HTTP request (auth,
 *       validation, model resolution, routing), or {@code webSocketTurnOverhead} for a {@code
 *       response.create} on an open WebSocket (auth and routing happened at the upgrade, the
 *       resolved model is reused);
 *   <li>{@code rehydrationPerResponse} times the number of responses in the chain, when the
 *       previous response is loaded from the response store: every HTTP continuation, and a
 *       WebSocket continuation that missed the connection cache but could be hydrated ({@code
 *       store:true});
 *   <li>{@code inputTokenCost} per input token the server has to (re)process: the whole context on
 *       HTTP and after a cache miss, only the new items on a WebSocket cache hit;
 *   <li>{@code timeToFirstToken} before the first output item;
 *   <li>{@code interTokenGap} before every further streamed token (text or function-call
 *       arguments).
 * </ol>
 *
 * Each delay is scaled by a factor drawn uniformly from {@code [1 - jitter, 1 + jitter]} with the
 * server's seed. Delays below a millisecond accumulate and are paid together, since the event
 * loop's timers have millisecond resolution.
 *
 * <p>Immutable and thread-safe.
 *
 * @param httpRequestOverhead fixed cost of every HTTP request
 * @param webSocketTurnOverhead fixed cost of every {@code response.create} on an open WebSocket
 * @param rehydrationPerResponse cost of loading one stored response of the chain
 * @param inputTokenCost cost of processing one input token
 * @param timeToFirstToken model latency before the first output item
 * @param interTokenGap model latency between two output tokens
 * @param jitter relative spread of every delay, in {@code [0, 1]}
 */
public record CostProfile(
    Duration httpRequestOverhead,
    Duration webSocketTurnOverhead,
    Duration rehydrationPerResponse,
    Duration inputTokenCost,
    Duration timeToFirstToken,
    Duration interTokenGap,
    double jitter) {

  public CostProfile {
    nonNegative("httpRequestOverhead", httpRequestOverhead);
    nonNegative("webSocketTurnOverhead", webSocketTurnOverhead);
    nonNegative("rehydrationPerResponse", rehydrationPerResponse);
    nonNegative("inputTokenCost", inputTokenCost);
    nonNegative("timeToFirstToken", timeToFirstToken);
    nonNegative("interTokenGap", interTokenGap);
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be within [0, 1], got " + jitter);
    }
  }

  /** Every term zero: the simulator answers as fast as it can. For tests and throughput runs. */
  public static CostProfile instant() {
    return new CostProfile(
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        Duration.ZERO,
        0);
  }

  /**
   * Figures in the range the service's published numbers imply. None is measured against the
   * service; each is derived as follows (see the README's "server-sim cost model" section):
   *
   * <ul>
   *   <li>inter-token gap 15 ms: about 65 output tokens per second, the published rate of the GPT-5
   *       family before the faster serving stack;
   *   <li>time to first token 100 ms;
   *   <li>HTTP request overhead 80 ms against 10 ms on an open WebSocket, state rehydration 14 ms
   *       per stored response, and 20 µs per input token: chosen so that a 20-tool-call rollout
   *       with short tool outputs is about 40% faster over WebSocket mode, the published upper
   *       figure, with the saving growing with the length of the chain as published;
   *   <li>jitter 10%.
   * </ul>
   */
  public static CostProfile openAiLike() {
    return new CostProfile(
        Duration.ofMillis(80),
        Duration.ofMillis(10),
        Duration.ofMillis(14),
        Duration.ofNanos(20_000),
        Duration.ofMillis(100),
        Duration.ofMillis(15),
        0.1);
  }

  /**
   * A profile by name: {@code instant} or {@code openai-like}.
   *
   * @throws IllegalArgumentException naming the known profiles when {@code name} is none of them
   */
  public static CostProfile named(String name) {
    Objects.requireNonNull(name, "name");
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "instant" -> instant();
      case "openai-like" -> openAiLike();
      default ->
          throw new IllegalArgumentException(
              "unknown cost profile '" + name + "' (known: instant, openai-like)");
    };
  }

  /** Whether every term is zero, so no turn ever waits. */
  public boolean isInstant() {
    return equals(instant());
  }

  private static void nonNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
  }
}
