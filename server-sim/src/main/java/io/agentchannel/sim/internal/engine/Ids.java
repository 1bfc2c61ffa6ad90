package io.agentchannel.sim.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic ids: the same seed and the same order of requests give the same ids, with the
 * service's prefixes ({@code resp_}, {@code msg_}, {@code fc_}, {@code call_}, {@code rs_}).
 * Thread-safe.
 */
public final class Ids {

  private final long seed;
  private final AtomicLong counter = new AtomicLong();

  public Ids(long seed) {
    this.seed = seed;
  }

  public String response() {
    return next("resp_");
  }

  public String message() {
    return next("msg_");
  }

  public String functionCallItem() {
    return next("fc_");
  }

  public String callId() {
    return next("call_");
  }

  public String reasoning() {
    return next("rs_");
  }

  public String next(String prefix) {
    long n = counter.incrementAndGet();
    return prefix + hex(mix(seed ^ mix(n))) + hex(mix(n * 0x9E3779B97F4A7C15L + seed));
  }

  private static String hex(long v) {
    String s = Long.toHexString(v);
    return "0".repeat(16 - s.length()) + s;
  }

  /** SplitMix64's finalizer: a bijective scramble, so distinct inputs stay distinct. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
