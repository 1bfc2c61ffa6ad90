package io.agentchannel.sim.internal.metrics;

import io.agentchannel.sim.data.SimStats;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed bucket bounds: per-bucket counts, the exact sum and the exact
 * maximum, all in nanoseconds.
 *
 * <p>Lifecycle: created once per series and kept for the life of the server; observations are never
 * removed and there is no reset.
 *
 * <p>Threading: thread-safe and lock-free. {@link #record(long)} may be called from any number of
 * threads at once (each of its three updates is a {@link LongAdder}-style striped update); {@link
 * #snapshot()} may run concurrently with it. A snapshot is internally consistent where the
 * Prometheus format needs it: its cumulative bucket counts never decrease, its count equals the
 * last (+Inf) bucket, and its maximum is at least every observation its buckets hold. Its sum may
 * lag or lead the buckets by the observations in flight.
 *
 * <p>Limits: the bucket bounds are fixed at construction ({@link #DEFAULT_BOUNDS_SECONDS} covers
 * 100 µs to 60 s; longer observations land in the +Inf bucket). Quantiles are estimates from the
 * buckets (see {@link Snapshot#quantileSeconds(double)}), only as precise as the bucket they fall
 * in. The sum overflows after about 292 years of accumulated latency.
 */
public final class LatencyHistogram {

  /**
   * The default upper bounds, in seconds, of the finite buckets: 100 µs to 60 s, in 1-2.5-5 steps
   * up to 10 s, then 30 s and 60 s.
   */
  public static final List<Double> DEFAULT_BOUNDS_SECONDS =
      List.of(
          0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
          2.5, 5.0, 10.0, 30.0, 60.0);

  private static final long[] DEFAULT_BOUNDS_NANOS = toNanos(DEFAULT_BOUNDS_SECONDS);

  /** Upper bounds (inclusive) of the finite buckets, strictly increasing, in nanoseconds. */
  private final long[] boundsNanos;

  /** One count per finite bucket, then the +Inf bucket. Not cumulative. */
  private final LongAdder[] buckets;

  private final LongAdder sumNanos = new LongAdder();
  private final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);

  /** A histogram with {@link #DEFAULT_BOUNDS_SECONDS}. */
  public LatencyHistogram() {
    this(DEFAULT_BOUNDS_NANOS);
  }

  /**
   * A histogram with the given finite bucket bounds; a +Inf bucket is always added.
   *
   * @param boundsSeconds upper bounds in seconds, strictly increasing, each at least 1 ns and
   *     finite
   * @throws IllegalArgumentException if the bounds are empty, not strictly increasing (also after
   *     rounding to whole nanoseconds), not finite or below 1 ns
   */
  public LatencyHistogram(List<Double> boundsSeconds) {
    this(toNanos(boundsSeconds));
  }

  private LatencyHistogram(long[] boundsNanos) {
    this.boundsNanos = boundsNanos;
    this.buckets = new LongAdder[boundsNanos.length + 1];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  private static long[] toNanos(List<Double> boundsSeconds) {
    if (boundsSeconds.isEmpty()) {
      throw new IllegalArgumentException("a histogram needs at least one finite bucket bound");
    }
    long[] nanos = new long[boundsSeconds.size()];
    for (int i = 0; i < nanos.length; i++) {
      double seconds = boundsSeconds.get(i);
      if (!Double.isFinite(seconds)) {
        throw new IllegalArgumentException("bucket bound " + seconds + " is not finite");
      }
      nanos[i] = Math.round(seconds * 1e9);
      if (nanos[i] < 1) {
        throw new IllegalArgumentException("bucket bound " + seconds + " s is below 1 ns");
      }
      if (i > 0 && nanos[i] <= nanos[i - 1]) {
        throw new IllegalArgumentException(
            "bucket bounds are not strictly increasing: " + boundsSeconds);
      }
    }
    return nanos;
  }

  /**
   * Records one observation. An observation equal to a bucket's upper bound counts in that bucket
   * (Prometheus {@code le} semantics).
   *
   * @param nanos the latency in nanoseconds
   * @throws IllegalArgumentException if {@code nanos} is negative
   */
  public void record(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("latency is negative: " + nanos + " ns");
    }
    // Order matters: the maximum and the sum first, the bucket last. snapshot() reads the buckets
    // first and the maximum last, so a snapshot's maximum covers every observation it counts.
    maxNanos.accumulate(nanos);
    sumNanos.add(nanos);
    buckets[bucketIndex(nanos)].increment();
  }

  private int bucketIndex(long nanos) {
    int found = Arrays.binarySearch(boundsNanos, nanos);
    return found >= 0 ? found : -found - 1;
  }

  /** The current counts; see the class comment for what is consistent within a snapshot. */
  public Snapshot snapshot() {
    long[] cumulative = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i].sum();
      cumulative[i] = running;
    }
    long sum = sumNanos.sum();
    long max = maxNanos.get();
    return new Snapshot(boundsNanos, cumulative, sum, max);
  }

  /**
   * The counts of a {@link LatencyHistogram} at one moment.
   *
   * <p>Lifecycle and threading: immutable and thread-safe; it does not follow later observations.
   *
   * <p>Limits: bucket indices run from 0 to {@link #bucketCount()} - 1; the last bucket is the +Inf
   * bucket. Quantiles are bucket estimates (see {@link #quantileSeconds(double)}).
   */
  public static final class Snapshot {

    private final long[] boundsNanos;
    private final long[] cumulative;
    private final long sumNanos;
    private final long maxNanos;

    private Snapshot(long[] boundsNanos, long[] cumulative, long sumNanos, long maxNanos) {
      this.boundsNanos = boundsNanos;
      this.cumulative = cumulative;
      this.sumNanos = sumNanos;
      this.maxNanos = cumulative[cumulative.length - 1] == 0 ? 0 : maxNanos;
    }

    /** Number of buckets, the +Inf bucket included. */
    public int bucketCount() {
      return cumulative.length;
    }

    /**
     * The inclusive upper bound of a bucket in seconds; {@link Double#POSITIVE_INFINITY} for the
     * last.
     */
    public double upperBoundSeconds(int bucket) {
      checkBucket(bucket);
      return bucket == boundsNanos.length ? Double.POSITIVE_INFINITY : boundsNanos[bucket] / 1e9;
    }

    /**
     * The upper bound of a bucket as a Prometheus {@code le} label value: the exact decimal of the
     * bound in seconds without trailing zeros ({@code "0.00025"}, {@code "1"}, {@code "60"}), or
     * {@code "+Inf"} for the last bucket.
     */
    public String upperBoundLabel(int bucket) {
      checkBucket(bucket);
      return bucket == boundsNanos.length ? "+Inf" : seconds(boundsNanos[bucket]);
    }

    /** Observations at or below a bucket's upper bound (cumulative, as Prometheus counts). */
    public long cumulativeCount(int bucket) {
      checkBucket(bucket);
      return cumulative[bucket];
    }

    /** All observations; equal to the cumulative count of the +Inf bucket. */
    public long count() {
      return cumulative[cumulative.length - 1];
    }

    /** Sum of all observations in nanoseconds. */
    public long sumNanos() {
      return sumNanos;
    }

    /** Sum of all observations in seconds. */
    public double sumSeconds() {
      return sumNanos / 1e9;
    }

    /** The sum as an exact decimal number of seconds, for text formats ({@code "0.0123"}). */
    public String sumSecondsText() {
      return seconds(sumNanos);
    }

    /** The largest observation in seconds; 0 when there is none. */
    public double maxSeconds() {
      return maxNanos / 1e9;
    }

    /**
     * Estimates a quantile from the buckets. The bucket holding the quantile is the first non-empty
     * bucket whose cumulative count reaches {@code q * count} (for {@code q > 0} that is the bucket
     * of the nearest-rank sample quantile). Inside it the estimate interpolates linearly, assuming
     * the bucket's observations are spread evenly between its lower bound (the previous bucket's
     * upper bound, or 0) and its upper bound; for the +Inf bucket the exact maximum serves as upper
     * bound. The estimate never exceeds the exact maximum.
     *
     * <p>So the estimate always lies within the bounds of the bucket that holds the true quantile,
     * but anywhere inside it: with the default bounds, a median of 1.2 s is only known to lie
     * between 1 s and 2.5 s.
     *
     * @param q the quantile, from 0 to 1
     * @return the estimate in seconds; 0 when there are no observations
     * @throws IllegalArgumentException if {@code q} is not between 0 and 1
     */
    public double quantileSeconds(double q) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException("quantile " + q + " is not between 0 and 1");
      }
      long count = count();
      if (count == 0) {
        return 0;
      }
      double rank = q * count;
      int bucket = 0;
      while (cumulative[bucket] < rank || inBucket(bucket) == 0) {
        bucket++;
      }
      long below = bucket == 0 ? 0 : cumulative[bucket - 1];
      double lower = bucket == 0 ? 0 : boundsNanos[bucket - 1];
      double upper = bucket == boundsNanos.length ? maxNanos : boundsNanos[bucket];
      double estimate = lower + (upper - lower) * ((rank - below) / inBucket(bucket));
      return Math.min(estimate, maxNanos) / 1e9;
    }

    /** The summary the stats endpoint shows: count, sum, p50 and p99 estimates, maximum. */
    public SimStats.LatencySummary summary() {
      if (count() == 0) {
        return SimStats.LatencySummary.EMPTY;
      }
      return new SimStats.LatencySummary(
          count(), sumSeconds(), quantileSeconds(0.5), quantileSeconds(0.99), maxSeconds());
    }

    private long inBucket(int bucket) {
      return cumulative[bucket] - (bucket == 0 ? 0 : cumulative[bucket - 1]);
    }

    private void checkBucket(int bucket) {
      if (bucket < 0 || bucket >= cumulative.length) {
        throw new IndexOutOfBoundsException(
            "bucket " + bucket + " of " + cumulative.length + " buckets");
      }
    }

    private static String seconds(long nanos) {
      return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }
  }
}
