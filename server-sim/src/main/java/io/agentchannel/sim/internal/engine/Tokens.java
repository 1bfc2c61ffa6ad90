package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.Tool;
import io.agentchannel.wire.model.UnknownItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's tokenizer: one token per four characters of text (at least one for non-empty
 * text), plus {@value #ITEM_OVERHEAD} tokens of framing per item. Close enough to real tokenizers
 * on English text for usage figures that add up and costs that grow with the context; not meant to
 * match any real tokenizer.
 */
public final class Tokens {

  /** Tokens a model spends on an item's role and framing. */
  public static final int ITEM_OVERHEAD = 4;

  private Tokens() {}

  public static long of(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    return (text.length() + 3) / 4;
  }

  /** The tokens of {@code node}'s compact JSON text. */
  public static long of(JsonNode node) {
    return node == null || node.isNull() ? 0 : (jsonLength(node) + 3) / 4;
  }

  /**
   * The length of {@code node}'s compact JSON, as {@link JsonNode#toString()} writes it, counted
   * without writing it: tool schemas are counted on every request.
   */
  static long jsonLength(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        {
          long length = 1 + Math.max(1, node.size());
          for (Map.Entry<String, JsonNode> field : node.properties()) {
            length += stringLength(field.getKey()) + 1 + jsonLength(field.getValue());
          }
          return length;
        }
      case ARRAY:
        {
          long length = 1 + Math.max(1, node.size());
          for (JsonNode element : node) {
            length += jsonLength(element);
          }
          return length;
        }
      case STRING:
        return stringLength(node.textValue());
      case BOOLEAN:
        return node.booleanValue() ? 4 : 5;
      case NULL:
        return 4;
      case NUMBER:
        if (node.isIntegralNumber() && node.canConvertToLong()) {
          return Long.toString(node.longValue()).length();
        }
        return node.toString().length();
      default:
        return node.toString().length();
    }
  }

  /** A JSON string's length with its quotes and the escapes a JSON writer adds. */
  private static long stringLength(String s) {
    long length = 2 + s.length();
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        length++;
      } else if (c < 0x20) {
        boolean shortEscape = c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
        length += shortEscape ? 1 : 5;
      }
    }
    return length;
  }

  public static long ofItems(List<Item> items) {
    long total = 0;
    for (Item item : items) {
      total += of(item);
    }
    return total;
  }

  public static long of(Item item) {
    long body;
    if (item instanceof MessageItem m) {
      body = ofParts(m.content());
    } else if (item instanceof FunctionCallItem c) {
      body = of(c.name()) + of(c.arguments());
    } else if (item instanceof FunctionCallOutputItem o) {
      body = of(o.output());
    } else if (item instanceof ReasoningItem r) {
      body = ofParts(r.summary()) + of(r.encryptedContent());
    } else {
      body = of(((UnknownItem) item).json());
    }
    return ITEM_OVERHEAD + body;
  }

  public static long ofTools(List<Tool> tools) {
    long total = 0;
    for (Tool tool : tools) {
      if (tool instanceof FunctionTool f) {
        total += ITEM_OVERHEAD + of(f.name()) + of(f.description()) + of(f.parameters());
      } else {
        total += ITEM_OVERHEAD;
      }
    }
    return total;
  }

  /** Splits {@code text} into chunks of one token each (the last may be shorter). */
  public static List<String> chunks(String text) {
    List<String> chunks = new ArrayList<>((text.length() + 3) / 4);
    int i = 0;
    while (i < text.length()) {
      int end = Math.min(text.length(), i + 4);
      // Never split a surrogate pair across two deltas.
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      chunks.add(text.substring(i, end));
      i = end;
    }
    return chunks;
  }

  private static long ofParts(List<ContentPart> parts) {
    long total = 0;
    for (ContentPart part : parts) {
      total += of(part.text());
    }
    return total;
  }
}
