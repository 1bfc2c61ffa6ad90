package io.agentchannel.sim.internal.engine;

import java.util.SplittableRandom;

/**
 * The delays of one turn, in nanoseconds, already resolved from the cost profile for this turn's
 * transport and cache outcome. Each delay is jittered when drawn.
 *
 * @param beforeCreated fixed request overhead, paid before {@code response.created}
 * @param processing state rehydration plus input processing, paid before the first output (or
 *     before the terminal event of a warm-up)
 * @param timeToFirstToken paid before the first output item
 * @param interTokenGap paid before every streamed token after the first
 * @param jitter relative spread in {@code [0, 1]}
 * @param random the turn's seeded randomness for jitter
 */
public record TurnCosts(
    long beforeCreated,
    long processing,
    long timeToFirstToken,
    long interTokenGap,
    double jitter,
    SplittableRandom random) {

  public static TurnCosts none() {
    return new TurnCosts(0, 0, 0, 0, 0, new SplittableRandom(0));
  }

  /** {@code nanos} scaled by a factor drawn from {@code [1 - jitter, 1 + jitter]}. */
  long jittered(long nanos) {
    if (nanos == 0 || jitter == 0) {
      return nanos;
    }
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Math.round(nanos * factor);
  }
}
