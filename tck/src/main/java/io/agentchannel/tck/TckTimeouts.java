package io.agentchannel.tck;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Every time limit of the kit, from one place.
 *
 * <ul>
 *   <li>{@link #await()}: how long a rule waits for an outcome it expects (a terminal signal, a
 *       failure, a thread to end) before it fails with "nothing happened within ...". Default 10 s.
 *   <li>{@link #deadline()}: the per-phase deadline the timeout rules configure on the transport
 *       ({@code idle}, {@code first-event}, {@code total}). Default 500 ms.
 *   <li>{@link #quiet()}: how long a rule watches for something that must <em>not</em> happen (an
 *       event after the terminal one, pushes after a cancel). Default 300 ms.
 * </ul>
 *
 * <p>Overrides, highest precedence first: the system properties {@code agentchannel.tck.await},
 * {@code agentchannel.tck.deadline}, {@code agentchannel.tck.quiet}, then the environment variables
 * {@code AGENTCHANNEL_TCK_AWAIT}, {@code AGENTCHANNEL_TCK_DEADLINE}, {@code
 * AGENTCHANNEL_TCK_QUIET}; values like {@code 10s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code
 * PT10S}). Then every value is multiplied by {@code agentchannel.tck.timeout-factor} ({@code
 * AGENTCHANNEL_TCK_TIMEOUT_FACTOR}, default 1), the one knob a slow CI machine usually needs. A
 * vendor class may also override {@link TransportCompatibilityKit#timeouts()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param await the longest wait for an expected outcome
 * @param deadline the transport deadline the timeout rules configure
 * @param quiet the watch period for what must not happen
 */
public record TckTimeouts(Duration await, Duration deadline, Duration quiet) {

  /** 10 s, 500 ms, 300 ms. */
  public static final TckTimeouts DEFAULTS =
      new TckTimeouts(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMillis(300));

  public TckTimeouts {
    positive(await, "await");
    positive(deadline, "deadline");
    positive(quiet, "quiet");
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("TCK timeout " + name + " must be positive: " + d);
    }
  }

  /** The defaults with the system property and environment overrides applied. */
  public static TckTimeouts fromEnvironment() {
    return from(System::getProperty, System.getenv());
  }

  static TckTimeouts from(Function<String, String> properties, Map<String, String> env) {
    Function<String, String> lookup =
        key -> {
          String value = properties.apply("agentchannel.tck." + key);
          if (value == null) {
            value = env.get("AGENTCHANNEL_TCK_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
          }
          return value == null || value.isBlank() ? null : value.trim();
        };
    String factorText = lookup.apply("timeout-factor");
    double factor;
    try {
      factor = factorText == null ? 1.0 : Double.parseDouble(factorText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "agentchannel.tck.timeout-factor is not a number: '" + factorText + "'", e);
    }
    if (!(factor > 0)) {
      throw new IllegalArgumentException(
          "agentchannel.tck.timeout-factor must be positive: " + factorText);
    }
    return new TckTimeouts(
        scale(parse(lookup.apply("await"), DEFAULTS.await, "await"), factor),
        scale(parse(lookup.apply("deadline"), DEFAULTS.deadline, "deadline"), factor),
        scale(parse(lookup.apply("quiet"), DEFAULTS.quiet, "quiet"), factor));
  }

  private static Duration scale(Duration d, double factor) {
    return Duration.ofNanos(Math.round(d.toNanos() * factor));
  }

  /** {@code 250ms}, {@code 10s}, {@code 2m} or ISO-8601. */
  static Duration parse(String text, Duration fallback, String key) {
    if (text == null) {
      return fallback;
    }
    try {
      String t = text.toLowerCase(Locale.ROOT);
      if (t.startsWith("pt")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (RuntimeException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "agentchannel.tck."
            + key
            + " is not a duration: '"
            + text
            + "' (use e.g. 500ms, 10s, 2m or PT10S)");
  }
}
