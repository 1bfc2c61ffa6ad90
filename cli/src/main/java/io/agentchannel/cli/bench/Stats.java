package io.agentchannel.cli.bench;

import java.util.Arrays;

/** Percentiles by nearest rank. Stateless. */
final class Stats {

  private Stats() {}

  /** The {@code p}-th percentile (0 &lt; p ≤ 100) of {@code values}, nearest rank; NaN if empty. */
  static double percentile(long[] values, int count, double p) {
    if (count == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * count);
    return sorted[Math.max(0, Math.min(count, rank) - 1)];
  }

  static double millis(double nanos) {
    return nanos / 1_000_000.0;
  }

  static double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
