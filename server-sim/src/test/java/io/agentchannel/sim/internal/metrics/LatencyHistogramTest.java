package io.agentchannel.sim.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.agentchannel.sim.data.SimStats.LatencySummary;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {

  private static final long MS = 1_000_000L;

  @Test
  void default_buckets_span_100_microseconds_to_60_seconds_plus_infinity() {
    LatencyHistogram.Snapshot s = new LatencyHistogram().snapshot();

    assertThat(s.bucketCount()).isEqualTo(LatencyHistogram.DEFAULT_BOUNDS_SECONDS.size() + 1);
    assertThat(s.upperBoundSeconds(0)).isEqualTo(0.0001);
    assertThat(s.upperBoundSeconds(s.bucketCount() - 2)).isEqualTo(60.0);
    assertThat(s.upperBoundSeconds(s.bucketCount() - 1)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(s.upperBoundLabel(0)).isEqualTo("0.0001");
    assertThat(s.upperBoundLabel(1)).isEqualTo("0.00025");
    assertThat(s.upperBoundLabel(12)).isEqualTo("1");
    assertThat(s.upperBoundLabel(13)).isEqualTo("2.5");
    assertThat(s.upperBoundLabel(s.bucketCount() - 1)).isEqualTo("+Inf");
  }

  @Test
  void empty_histogram_is_all_zero() {
    LatencyHistogram.Snapshot s = new LatencyHistogram().snapshot();

    assertThat(s.count()).isZero();
    assertThat(s.sumNanos()).isZero();
    assertThat(s.sumSecondsText()).isEqualTo("0");
    assertThat(s.maxSeconds()).isZero();
    assertThat(s.quantileSeconds(0.5)).isZero();
    assertThat(s.summary()).isEqualTo(LatencySummary.EMPTY);
  }

  @Test
  void buckets_are_cumulative_and_bounds_are_inclusive() {
    LatencyHistogram h = new LatencyHistogram(List.of(0.001, 0.01, 0.1));
    h.record(0); // bucket 0
    h.record(MS); // exactly 1 ms: still bucket 0 (le is inclusive)
    h.record(MS + 1); // bucket 1
    h.record(50 * MS); // bucket 2
    h.record(100 * MS); // exactly 100 ms: bucket 2
    h.record(5_000 * MS); // +Inf

    LatencyHistogram.Snapshot s = h.snapshot();

    assertThat(s.bucketCount()).isEqualTo(4);
    assertThat(
            new long[] {
              s.cumulativeCount(0), s.cumulativeCount(1), s.cumulativeCount(2), s.cumulativeCount(3)
            })
        .containsExactly(2, 3, 5, 6);
    assertThat(s.count()).isEqualTo(6);
    assertThat(s.sumNanos()).isEqualTo(MS + MS + 1 + 50 * MS + 100 * MS + 5_000 * MS);
    assertThat(s.sumSecondsText()).isEqualTo("5.152000001");
    assertThat(s.maxSeconds()).isEqualTo(5.0);
  }

  @Test
  void quantile_interpolates_linearly_inside_the_bucket() {
    LatencyHistogram h = new LatencyHistogram(List.of(0.001, 0.002, 0.004));
    for (int i = 0; i < 4; i++) {
      h.record(1_500_000); // 1.5 ms, bucket (1 ms, 2 ms]
    }
    h.record(1_900_000); // same bucket; also the maximum
    LatencyHistogram.Snapshot s = h.snapshot();

    // rank 2.5 of the 5 in (1 ms, 2 ms]: halfway through the bucket.
    assertThat(s.quantileSeconds(0.5)).isCloseTo(0.0015, within(1e-12));
    // rank 4.95: 99% through the bucket would be 1.99 ms, capped at the exact maximum 1.9 ms.
    assertThat(s.quantileSeconds(0.99)).isCloseTo(0.0019, within(1e-12));
    assertThat(s.quantileSeconds(1.0)).isCloseTo(0.0019, within(1e-12));
    // q = 0 is the lower bound of the first non-empty bucket.
    assertThat(s.quantileSeconds(0.0)).isCloseTo(0.001, within(1e-12));
  }

  @Test
  void quantile_in_the_infinity_bucket_lies_between_the_last_bound_and_the_maximum() {
    LatencyHistogram h = new LatencyHistogram(List.of(1.0));
    h.record(2_000 * MS);
    h.record(4_000 * MS);
    LatencyHistogram.Snapshot s = h.snapshot();

    assertThat(s.quantileSeconds(0.5)).isCloseTo(2.5, within(1e-9)); // 1 s + (4 s - 1 s) / 2
    assertThat(s.quantileSeconds(0.99)).isBetween(1.0, 4.0);
    assertThat(s.summary())
        .isEqualTo(
            new LatencySummary(2, 6.0, s.quantileSeconds(0.5), s.quantileSeconds(0.99), 4.0));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 20240611})
  void quantile_estimates_lie_within_the_bucket_of_the_exact_quantile(long seed) {
    Random random = new Random(seed);
    LatencyHistogram h = new LatencyHistogram();
    int n = 1 + random.nextInt(5_000);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      // Log-uniform from 10 µs to about 100 s, so every bucket, +Inf included, gets some.
      values[i] = (long) Math.pow(10, 4 + random.nextDouble() * 7);
      h.record(values[i]);
    }
    Arrays.sort(values);
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.count()).isEqualTo(n);
    assertThat(s.maxSeconds()).isEqualTo(values[n - 1] / 1e9);

    for (double q : new double[] {0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 0.999, 1.0}) {
      // Nearest-rank sample quantile: the ceil(q * n)-th smallest value (the minimum for q = 0).
      long exact = values[Math.max(0, (int) Math.ceil(q * n) - 1)];
      double[] bounds = bucketBoundsOf(exact);
      assertThat(s.quantileSeconds(q))
          .as("q=%s, exact %s ns, bucket (%s, %s] s", q, exact, bounds[0], bounds[1])
          .isBetween(bounds[0], Math.min(bounds[1], s.maxSeconds()));
    }
  }

  /** The lower and upper bound in seconds of the default bucket holding a value. */
  private static double[] bucketBoundsOf(long nanos) {
    double lower = 0;
    for (double upper : LatencyHistogram.DEFAULT_BOUNDS_SECONDS) {
      if (nanos <= Math.round(upper * 1e9)) {
        return new double[] {lower, upper};
      }
      lower = upper;
    }
    return new double[] {lower, Double.POSITIVE_INFINITY};
  }

  @Test
  void rejects_negative_latency_and_bad_quantiles_and_bounds() {
    LatencyHistogram h = new LatencyHistogram();
    assertThatThrownBy(() -> h.record(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThat(h.snapshot().count()).isZero();

    assertThatThrownBy(() -> h.snapshot().quantileSeconds(1.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.snapshot().quantileSeconds(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> h.snapshot().cumulativeCount(99))
        .isInstanceOf(IndexOutOfBoundsException.class);

    assertThatThrownBy(() -> new LatencyHistogram(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyHistogram(List.of(0.1, 0.1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("strictly increasing");
    assertThatThrownBy(() -> new LatencyHistogram(List.of(0.0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LatencyHistogram(List.of(Double.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
