package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.model.CreateRequest;
import io.agentchannel.model.Response;
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
    Map<String, JsonNode> extras = new LinkedHashMap<>();
    extras.put("background", NODES.booleanNode(false));
    extras.put(
        "max_output_tokens",
        request.maxOutputTokens() == null
            ? NODES.nullNode()
            : NODES.numberNode(request.maxOutputTokens()));
    extras.put("reasoning", request.reasoning() == null ? reasoningDefault() : request.reasoning());
    extras.put("service_tier", NODES.textNode("default"));
    extras.put("temperature", NODES.numberNode(1.0));
    extras.put("text", request.text() == null ? textDefault() : request.text());
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
