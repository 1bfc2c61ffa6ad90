package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.Map;

/**
 * The events of one output item, from {@code output_item.added} to {@code output_item.done}, made
 * one at a time. A text item streams {@code content_part.added}, the text deltas, {@code
 * output_text.done} and {@code content_part.done}; a function call streams its argument deltas and
 * {@code function_call_arguments.done} (no content parts); a reasoning item streams its summary
 * part, if it has one.
 */
abstract class ItemEvents {

  /** Hands out the next event's metadata, with the extras given. */
  interface Metas {
    EventMeta next(Map<String, JsonNode> extras);
  }

  /** An event, and whether it streams an output token (and so pays the inter-token gap). */
  record Produced(ServerEvent event, boolean token) {}

  final int outputIndex;
  final String itemId;
  int step;

  ItemEvents(int outputIndex, String itemId) {
    this.outputIndex = outputIndex;
    this.itemId = itemId;
  }

  static ItemEvents of(PlannedItem item, int outputIndex, Ids ids) {
    if (item instanceof PlannedItem.Text t) {
      return new TextEvents(t, outputIndex, ids.message());
    }
    if (item instanceof PlannedItem.Call c) {
      return new CallEvents(
          c, outputIndex, ids.functionCallItem(), c.callId() != null ? c.callId() : ids.callId());
    }
    return new ReasoningEvents((PlannedItem.Reasoning) item, outputIndex, ids.reasoning());
  }

  /** The next event, or {@code null} once {@code output_item.done} has been made. */
  abstract Produced next(Metas metas);

  /** The item as {@code output_item.done} and the final response show it. */
  abstract Item finalItem();

  /** Output tokens the item streamed. */
  abstract int tokens();

  static Produced event(ServerEvent e) {
    return new Produced(e, false);
  }

  static Produced token(ServerEvent e) {
    return new Produced(e, true);
  }

  private static final class TextEvents extends ItemEvents {
    private final List<String> chunks;
    private final String text;

    TextEvents(PlannedItem.Text t, int outputIndex, String itemId) {
      super(outputIndex, itemId);
      this.chunks = t.chunks();
      this.text = t.text();
    }

    @Override
    Produced next(Metas m) {
      int n = chunks.size();
      int s = step++;
      if (s == 0) {
        return event(
            new ServerEvent.OutputItemAdded(
                m.next(Map.of()),
                outputIndex,
                WireShapes.message(itemId, "in_progress", List.of())));
      }
      if (s == 1) {
        return event(
            new ServerEvent.ContentPartAdded(
                m.next(Map.of()), itemId, outputIndex, 0, WireShapes.outputText("")));
      }
      if (s < 2 + n) {
        return token(
            new ServerEvent.OutputTextDelta(
                m.next(WireShapes.LOGPROBS), itemId, outputIndex, 0, chunks.get(s - 2)));
      }
      if (s == 2 + n) {
        return event(
            new ServerEvent.OutputTextDone(
                m.next(WireShapes.LOGPROBS), itemId, outputIndex, 0, text));
      }
      if (s == 3 + n) {
        return event(
            new ServerEvent.ContentPartDone(
                m.next(Map.of()), itemId, outputIndex, 0, WireShapes.outputText(text)));
      }
      if (s == 4 + n) {
        return event(new ServerEvent.OutputItemDone(m.next(Map.of()), outputIndex, finalItem()));
      }
      return null;
    }

    @Override
    Item finalItem() {
      return WireShapes.message(itemId, "completed", List.of(WireShapes.outputText(text)));
    }

    @Override
    int tokens() {
      return chunks.size();
    }
  }

  private static final class CallEvents extends ItemEvents {
    private final PlannedItem.Call call;
    private final String callId;
    private final String arguments;

    CallEvents(PlannedItem.Call call, int outputIndex, String itemId, String callId) {
      super(outputIndex, itemId);
      this.call = call;
      this.callId = callId;
      this.arguments = call.arguments();
    }

    @Override
    Produced next(Metas m) {
      List<String> chunks = call.argumentChunks();
      int n = chunks.size();
      int s = step++;
      if (s == 0) {
        return event(
            new ServerEvent.OutputItemAdded(
                m.next(Map.of()),
                outputIndex,
                WireShapes.call(itemId, callId, call.name(), "", "in_progress")));
      }
      if (s < 1 + n) {
        return token(
            new ServerEvent.FunctionCallArgumentsDelta(
                m.next(Map.of()), itemId, outputIndex, chunks.get(s - 1)));
      }
      if (s == 1 + n) {
        return event(
            new ServerEvent.FunctionCallArgumentsDone(
                m.next(Map.of()), itemId, outputIndex, call.name(), arguments));
      }
      if (s == 2 + n) {
        return event(new ServerEvent.OutputItemDone(m.next(Map.of()), outputIndex, finalItem()));
      }
      return null;
    }

    @Override
    Item finalItem() {
      return WireShapes.call(itemId, callId, call.name(), arguments, "completed");
    }

    @Override
    int tokens() {
      return call.argumentChunks().size();
    }
  }

  private static final class ReasoningEvents extends ItemEvents {
    private final List<String> chunks;
    private final String summary;

    ReasoningEvents(PlannedItem.Reasoning r, int outputIndex, String itemId) {
      super(outputIndex, itemId);
      this.chunks = r.summaryChunks();
      this.summary = r.summary();
    }

    @Override
    Produced next(Metas m) {
      int n = chunks.size();
      int s = step++;
      if (s == 0) {
        return event(
            new ServerEvent.OutputItemAdded(
                m.next(Map.of()), outputIndex, WireShapes.reasoning(itemId, List.of(), null)));
      }
      if (n == 0) {
        return s == 1
            ? event(new ServerEvent.OutputItemDone(m.next(Map.of()), outputIndex, finalItem()))
            : null;
      }
      if (s == 1) {
        return event(
            new ServerEvent.ReasoningSummaryPartAdded(
                m.next(Map.of()), itemId, outputIndex, 0, ContentPart.summaryText("")));
      }
      if (s < 2 + n) {
        return token(
            new ServerEvent.ReasoningSummaryTextDelta(
                m.next(Map.of()), itemId, outputIndex, 0, chunks.get(s - 2)));
      }
      if (s == 2 + n) {
        return event(
            new ServerEvent.ReasoningSummaryTextDone(
                m.next(Map.of()), itemId, outputIndex, 0, summary));
      }
      if (s == 3 + n) {
        return event(
            new ServerEvent.ReasoningSummaryPartDone(
                m.next(Map.of()), itemId, outputIndex, 0, ContentPart.summaryText(summary)));
      }
      if (s == 4 + n) {
        return event(new ServerEvent.OutputItemDone(m.next(Map.of()), outputIndex, finalItem()));
      }
      return null;
    }

    @Override
    Item finalItem() {
      return WireShapes.reasoning(
          itemId, n() == 0 ? List.of() : List.of(ContentPart.summaryText(summary)), null);
    }

    private int n() {
      return chunks.size();
    }

    @Override
    int tokens() {
      return chunks.size();
    }
  }
}
