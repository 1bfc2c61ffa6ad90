package io.agentchannel.internal.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes the duration syntax of settings: {@code 500ms}, {@code 30s}, {@code 2m}, {@code
 * 1h}, {@code 0} (no limit) and ISO-8601 ({@code PT30S}).
 */
public final class DurationParser {

  /** What the error messages offer as a value that would work. */
  public static final String EXAMPLE = "30s (units ms, s, m, h; 0 = no limit; or ISO-8601 PT30S)";

  private static final Pattern WITH_UNIT =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?\\d+");

  private DurationParser() {}

  /**
   * @throws IllegalArgumentException with the reason only (the caller adds key, source and value)
   */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("the value is blank");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    // A bare number is rejected rather than guessed: "30" read as milliseconds where seconds
    // were meant turns a 30-second timeout into one that fires at once.
    if (BARE_NUMBER.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "a bare number is ambiguous (milliseconds or seconds?): add a unit");
    }
    if (s.startsWith("-")) {
      throw new IllegalArgumentException("a duration cannot be negative");
    }
    Matcher m = WITH_UNIT.matcher(s);
    if (m.matches()) {
      return withUnit(m.group(1), m.group(2).toLowerCase(Locale.ROOT));
    }
    if (s.regionMatches(true, 0, "P", 0, 1)) {
      return iso(s);
    }
    throw new IllegalArgumentException("not a duration");
  }

  private static Duration withUnit(String digits, String unit) {
    long amount;
    try {
      amount = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the number is too large");
    }
    try {
      return switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the number is too large");
    }
  }

  private static Duration iso(String s) {
    Duration d;
    try {
      d = Duration.parse(s);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a valid ISO-8601 duration");
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("a duration cannot be negative");
    }
    return d;
  }

  /**
   * The shortest text {@link #parse} reads back as the same duration: {@code 0}, {@code 5m}, {@code
   * 1500ms}, or ISO-8601 when milliseconds cannot hold it exactly.
   */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    long millis;
    try {
      millis = d.toMillis();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
