package io.agentchannel.sim.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network path the simulator puts between a client and itself: every byte in either direction
 * pays half the round trip, its share of the bandwidth and, optionally, jitter.
 *
 * <p>Each direction is a separate link (as on a real full-duplex path): a chunk of {@code n} bytes
 * that enters a link at time {@code t} leaves it at {@code max(t + roundTrip/2 + j,
 * previousDeparture) + n / bandwidth}, where {@code j} is drawn uniformly from {@code [0, jitter]}.
 * Bytes are never reordered, and back-to-back chunks queue behind each other as they would on a
 * pipe of that bandwidth. Opening a TCP connection costs one extra round trip.
 *
 * <p>{@link #none()} (all components zero) means no emulation at all: the simulator then needs no
 * proxy in front of it.
 *
 * <p>Immutable and thread-safe. A profile is a value: it has no lifecycle of its own.
 *
 * <p>Limits: {@code roundTrip} and {@code jitter} are at most one hour each (so that deadlines in
 * nanoseconds never overflow); bandwidth is a whole number of bytes per second.
 *
 * @param roundTrip the full round-trip time of the path; each direction pays half of it
 * @param bandwidthBytesPerSecond the capacity of each direction in bytes per second; {@code 0}
 *     means unlimited
 * @param jitter the largest extra one-way delay a chunk may get on top of {@code roundTrip / 2};
 *     {@link Duration#ZERO} for none
 */
public record NetworkProfile(Duration roundTrip, long bandwidthBytesPerSecond, Duration jitter) {

  private static final Duration MAX_DELAY = Duration.ofHours(1);
  private static final NetworkProfile NONE = new NetworkProfile(Duration.ZERO, 0, Duration.ZERO);

  private static final Pattern DURATION =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(us|ms|s)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BANDWIDTH =
      Pattern.compile(
          "(\\d+(?:\\.\\d+)?)\\s*([kmg]?)\\s*(?:bit/s|bits/s|bit|bps)?", Pattern.CASE_INSENSITIVE);
  private static final String SYNTAX =
      "expected comma-separated key=value pairs, e.g. rtt=40ms,bandwidth=10mbit,jitter=2ms";

  public NetworkProfile {
    checkDelay(roundTrip, "roundTrip");
    checkDelay(jitter, "jitter");
    if (bandwidthBytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "bandwidthBytesPerSecond is negative ("
              + bandwidthBytesPerSecond
              + "); use 0 for unlimited");
    }
  }

  private static void checkDelay(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          name + " is negative (" + d + "); use Duration.ZERO for none");
    }
    if (d.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(name + " is longer than " + MAX_DELAY + " (" + d + ")");
    }
  }

  /** No delay, unlimited bandwidth, no jitter: the network is not emulated. */
  public static NetworkProfile none() {
    return NONE;
  }

  /** A path with the given round trip and bandwidth ({@code 0} = unlimited) and no jitter. */
  public static NetworkProfile of(Duration roundTrip, long bandwidthBytesPerSecond) {
    return new NetworkProfile(roundTrip, bandwidthBytesPerSecond, Duration.ZERO);
  }

  /** This profile with another jitter. */
  public NetworkProfile withJitter(Duration jitter) {
    return new NetworkProfile(roundTrip, bandwidthBytesPerSecond, jitter);
  }

  /** Whether nothing is emulated: zero round trip, unlimited bandwidth and zero jitter. */
  public boolean isNone() {
    return roundTrip.isZero() && bandwidthBytesPerSecond == 0 && jitter.isZero();
  }

  /** Whether each direction's capacity is limited. */
  public boolean hasBandwidthLimit() {
    return bandwidthBytesPerSecond > 0;
  }

  /**
   * Reads a profile from a command line: comma-separated {@code key=value} pairs, in any order,
   * each key at most once; a key left out keeps its {@link #none()} value. {@code "none"} alone is
   * {@link #none()}.
   *
   * <ul>
   *   <li>{@code rtt} — the round trip: a number with unit {@code us}, {@code ms} or {@code s}
   *       ({@code 40ms}, {@code 0.5s}), or {@code 0}
   *   <li>{@code bandwidth} — bits per second, with an optional {@code k}, {@code m} or {@code g}
   *       (10<sup>3</sup>, 10<sup>6</sup>, 10<sup>9</sup>) and an optional {@code bit}, {@code
   *       bit/s} or {@code bps}: {@code 10mbit}, {@code 512k}; or {@code unlimited} (also {@code
   *       0}). Rounded down to whole bytes per second.
   *   <li>{@code jitter} — like {@code rtt}
   * </ul>
   *
   * <p>Example: {@code rtt=40ms,bandwidth=10mbit,jitter=2ms}.
   *
   * @throws IllegalArgumentException naming the key or value that is wrong
   */
  public static NetworkProfile parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    if (s.equalsIgnoreCase("none")) {
      return NONE;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("network profile is blank; " + SYNTAX);
    }
    Duration rtt = Duration.ZERO;
    Duration jitter = Duration.ZERO;
    long bandwidth = 0;
    Set<String> seen = new HashSet<>();
    for (String entry : s.split(",", -1)) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "network profile entry '" + entry.strip() + "' has no '='; " + SYNTAX);
      }
      String key = entry.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = entry.substring(eq + 1).strip();
      if (!seen.add(key)) {
        throw new IllegalArgumentException("network profile key '" + key + "' appears twice");
      }
      switch (key) {
        case "rtt" -> rtt = parseDuration(key, value);
        case "jitter" -> jitter = parseDuration(key, value);
        case "bandwidth" -> bandwidth = parseBandwidth(value);
        default ->
            throw new IllegalArgumentException(
                "unknown network profile key '" + key + "' (known: rtt, bandwidth, jitter)");
      }
    }
    return new NetworkProfile(rtt, bandwidth, jitter);
  }

  private static Duration parseDuration(String key, String value) {
    if (value.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "network profile key '"
              + key
              + "' has value '"
              + value
              + "', not a duration (e.g. 40ms; units us, ms, s)");
    }
    BigDecimal nanosPerUnit =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "us" -> BigDecimal.valueOf(1_000);
          case "ms" -> BigDecimal.valueOf(1_000_000);
          default -> BigDecimal.valueOf(1_000_000_000);
        };
    BigDecimal nanos = new BigDecimal(m.group(1)).multiply(nanosPerUnit);
    if (nanos.compareTo(BigDecimal.valueOf(MAX_DELAY.toNanos())) > 0) {
      throw new IllegalArgumentException(
          "network profile key '" + key + "' is longer than one hour ('" + value + "')");
    }
    return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static long parseBandwidth(String value) {
    if (value.equalsIgnoreCase("unlimited") || value.equals("0")) {
      return 0;
    }
    Matcher m = BANDWIDTH.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "network profile key 'bandwidth' has value '"
              + value
              + "', not a bit rate (e.g. 10mbit, 512k, unlimited)");
    }
    long multiplier =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "k" -> 1_000L;
          case "m" -> 1_000_000L;
          case "g" -> 1_000_000_000L;
          default -> 1L;
        };
    BigDecimal bytes =
        new BigDecimal(m.group(1))
            .multiply(BigDecimal.valueOf(multiplier))
            .divide(BigDecimal.valueOf(8), 0, RoundingMode.DOWN);
    if (bytes.signum() == 0) {
      throw new IllegalArgumentException(
          "network profile key 'bandwidth' is below one byte per second ('"
              + value
              + "'); use 'unlimited' for no limit");
    }
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException(
          "network profile key 'bandwidth' is too large ('" + value + "')");
    }
    return bytes.longValueExact();
  }
}
