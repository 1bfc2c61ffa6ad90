package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings a user message gives the simulated model, written {@code [sim key=value key=value]}
 * anywhere in its text, e.g. {@code [sim tool_calls=5 answer_tokens=50]}. The latest user message
 * that has any wins. Keys: {@code tool_calls}, {@code calls_per_turn}, {@code answer_tokens}.
 */
public record Directives(Map<String, String> values) {

  private static final Pattern BLOCK = Pattern.compile("\\[sim((?:\\s+[a-z_]+=[^\\s\\]]+)*)\\s*]");
  private static final Pattern PAIR = Pattern.compile("([a-z_]+)=([^\\s\\]]+)");

  public Directives {
    values = Map.copyOf(values);
  }

  public static Directives none() {
    return new Directives(Map.of());
  }

  /** The directives of the latest user message in {@code context} that has any. */
  public static Directives of(List<Item> context) {
    for (int i = context.size() - 1; i >= 0; i--) {
      if (context.get(i) instanceof MessageItem m && "user".equals(m.role())) {
        Directives d = parse(textOf(m));
        if (!d.values.isEmpty()) {
          return d;
        }
      }
    }
    return none();
  }

  static Directives parse(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    Matcher block = BLOCK.matcher(text);
    while (block.find()) {
      Matcher pair = PAIR.matcher(block.group(1));
      while (pair.find()) {
        values.put(pair.group(1), pair.group(2));
      }
    }
    return new Directives(values);
  }

  /**
   * The integer value of {@code key}, or {@code fallback} when absent.
   *
   * @throws SimError naming the directive when the value is not a non-negative integer
   */
  public int intValue(String key, int fallback) {
    String v = values.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw SimError.invalidRequest(
        "invalid_value",
        "Invalid simulator directive '" + key + "=" + v + "': expected a non-negative integer.",
        "input");
  }

  /** The text of a message's parts, joined. */
  public static String textOf(MessageItem m) {
    StringBuilder text = new StringBuilder();
    for (ContentPart part : m.content()) {
      if (part.text() != null) {
        text.append(part.text());
      }
    }
    return text.toString();
  }
}
