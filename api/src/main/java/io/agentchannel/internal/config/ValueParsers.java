package io.agentchannel.internal.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Parsers for the small value types; each throws {@link IllegalArgumentException} with the reason
 * only, never the value.
 */
public final class ValueParsers {

  public static final String TRANSPORT_EXAMPLE = "http (or websocket, vertx, auto, a vendor's id)";
  public static final String BUFFER_EVENTS_EXAMPLE = "256";

  private static final Pattern TRANSPORT_ID = Pattern.compile("[a-z0-9._-]+");

  private ValueParsers() {}

  /** A provider id: trimmed, lower case, letters, digits, {@code .}, {@code _} and {@code -}. */
  public static String transport(String text) {
    String id = text.strip().toLowerCase(Locale.ROOT);
    if (id.isEmpty()) {
      throw new IllegalArgumentException("the value is blank");
    }
    if (!TRANSPORT_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "a transport id uses only letters, digits, '.', '_' and '-'");
    }
    return id;
  }

  /**
   * A usable key (stripped; the caller wraps it in an {@code ApiKey} at once). Whitespace or
   * control characters inside it would corrupt the {@code Authorization} header (or smuggle another
   * header in), so they are rejected here, once.
   */
  public static String apiKey(String text) {
    String key = text.strip();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("the value is blank");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException("it contains whitespace or control characters");
      }
    }
    return key;
  }

  /** A whole number, negative ones included. */
  public static int wholeNumber(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number");
    }
  }

  /** {@code true} or {@code false}, in any case; nothing else (not yes/no, not 1/0). */
  public static boolean bool(String text) {
    String s = text.strip();
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false");
  }

  /** A count of at least 1. */
  public static int positiveInt(String text) {
    int n = wholeNumber(text);
    if (n < 1) {
      throw new IllegalArgumentException("it must be at least 1");
    }
    return n;
  }
}
