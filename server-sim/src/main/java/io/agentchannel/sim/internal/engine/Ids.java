package io.agentchannel.sim.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic ids: the same seed and the same order of requests give the same ids, with the
 * service's prefixes ({@code resp_}, {@code msg_}, {@code fc_}, {@code call_}, {@code rs_}).
 * Thread-safe.
 */
public final class Ids {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

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
    // Written into one array: ids are made several times per turn, on the hot path.
    int at = prefix.length();
    char[] id = new char[at + 32];
    prefix.getChars(0, at, id, 0);
    hex(mix(seed ^ mix(n)), id, at);
    hex(mix(n * 0x9E3779B97F4A7C15L + seed), id, at + 16);
    return new String(id);
  }

  /** {@code v} as 16 lower-case hex digits, zero-padded, at {@code at}. */
  private static void hex(long v, char[] out, int at) {
    for (int i = at + 15; i >= at; i--) {
      out[i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }

  /** SplitMix64's finalizer: a bijective scramble, so distinct inputs stay distinct. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
