package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agentchannel.model.ContentPart;
import io.agentchannel.model.FunctionCallItem;
import io.agentchannel.model.MessageItem;
import io.agentchannel.model.ReasoningItem;
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
  public static final Map<String, JsonNode> LOGPROBS = Map.of("logprobs", EMPTY);

  private WireShapes() {}

  public static ContentPart outputText(String text) {
    return new ContentPart(
        ContentPart.OUTPUT_TEXT, text, Map.of("annotations", EMPTY, "logprobs", EMPTY));
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
