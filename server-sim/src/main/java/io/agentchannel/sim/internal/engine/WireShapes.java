package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ReasoningItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact shapes the service gives its output: fields the typed model leaves to extras but which
 * clients (the official SDKs among them) require, such as {@code annotations} and {@code logprobs}.
 */
public final class WireShapes {

  /** {@code []}; shared, so never mutated. */
  private static final JsonNode EMPTY = JsonNodeFactory.instance.arrayNode();

  /** {@code "logprobs": []} on text delta and done events. */
  public static final Map<String, JsonNode> LOGPROBS = frozen(Map.of("logprobs", EMPTY));

  /** {@code "annotations": [], "logprobs": []} on output text parts, in the service's order. */
  private static final Map<String, JsonNode> OUTPUT_TEXT_EXTRAS = outputTextExtras();

  private WireShapes() {}

  public static ContentPart outputText(String text) {
    return new ContentPart(ContentPart.OUTPUT_TEXT, text, OUTPUT_TEXT_EXTRAS);
  }

  private static Map<String, JsonNode> outputTextExtras() {
    // Map.of's iteration order changes from one JVM to the next; the wire order must not.
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    extras.put("annotations", EMPTY);
    extras.put("logprobs", EMPTY);
    return frozen(extras);
  }

  /**
   * The model's own immutable copy of {@code extras}. Its records copy every map they are given
   * except their own copies, so a map shared by every event is frozen once here, not per event.
   */
  static Map<String, JsonNode> frozen(Map<String, JsonNode> extras) {
    return new EventMeta(0, null, extras).extras();
  }

  public static MessageItem message(String id, String status, List<ContentPart> content) {
    return new MessageItem(id, "assistant", status, content, Map.of());
  }

  public static FunctionCallItem call(
      String id, String callId, String name, String arguments, String status) {
    return new FunctionCallItem(id, callId, name, arguments, status, Map.of());
  }

  public static ReasoningItem reasoning(String id, List<ContentPart> summary, String status) {
    return new ReasoningItem(id, summary, null, status, Map.of());
  }
}
