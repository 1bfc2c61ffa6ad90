package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the Response object of a turn the way the service does: every field the specification
 * requires is present (null where it has no value), the request's settings are echoed, and the
 * settings the simulator does not model get the service's defaults.
 */
public final class ResponseFactory {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The extras of a request that overrides none of them, as most do: made once, and shared, so
   * never mutated.
   */
  private static final Map<String, JsonNode> DEFAULTS =
      WireShapes.frozen(defaults(null, null, null));

  private ResponseFactory() {}

  /** The response as {@code response.created} shows it: in progress, no output, no usage. */
  public static Response inProgress(String id, CreateRequest request, long createdAtSeconds) {
    return Response.builder(id)
        .createdAt(createdAtSeconds)
        .status(Response.STATUS_IN_PROGRESS)
        .instructions(request.instructions())
        .model(request.model())
        .output(List.of())
        .parallelToolCalls(request.parallelToolCalls() == null || request.parallelToolCalls())
        .previousResponseId(request.previousResponseId())
        .store(request.store() == null || request.store())
        .tools(request.tools() == null ? List.of() : request.tools())
        .toolChoice(request.toolChoice() == null ? NODES.textNode("auto") : request.toolChoice())
        .metadata(request.metadata() == null ? Map.of() : request.metadata())
        .extras(defaults(request))
        .build();
  }

  private static Map<String, JsonNode> defaults(CreateRequest request) {
    if (request.maxOutputTokens() == null
        && request.reasoning() == null
        && request.text() == null) {
      return DEFAULTS;
    }
    return defaults(request.maxOutputTokens(), request.reasoning(), request.text());
  }

  private static Map<String, JsonNode> defaults(
      Integer maxOutputTokens, JsonNode reasoning, JsonNode text) {
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    extras.put("background", NODES.booleanNode(false));
    extras.put(
        "max_output_tokens",
        maxOutputTokens == null ? NODES.nullNode() : NODES.numberNode(maxOutputTokens));
    extras.put("reasoning", reasoning == null ? reasoningDefault() : reasoning);
    extras.put("service_tier", NODES.textNode("default"));
    extras.put("temperature", NODES.numberNode(1.0));
    extras.put("text", text == null ? textDefault() : text);
    extras.put("top_p", NODES.numberNode(1.0));
    extras.put("truncation", NODES.textNode("disabled"));
    return extras;
  }

  private static JsonNode reasoningDefault() {
    ObjectNode reasoning = NODES.objectNode();
    reasoning.putNull("effort");
    reasoning.putNull("summary");
    return reasoning;
  }

  private static JsonNode textDefault() {
    ObjectNode text = NODES.objectNode();
    text.putObject("format").put("type", "text");
    return text;
  }
}
