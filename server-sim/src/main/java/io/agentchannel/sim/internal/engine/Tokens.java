package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.model.ContentPart;
import io.agentchannel.model.FunctionCallItem;
import io.agentchannel.model.FunctionCallOutputItem;
import io.agentchannel.model.FunctionTool;
import io.agentchannel.model.Item;
import io.agentchannel.model.MessageItem;
import io.agentchannel.model.ReasoningItem;
import io.agentchannel.model.Tool;
import io.agentchannel.model.UnknownItem;
import java.util.ArrayList;
import java.util.List;

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

  public static long of(JsonNode node) {
    return node == null || node.isNull() ? 0 : of(node.toString());
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
