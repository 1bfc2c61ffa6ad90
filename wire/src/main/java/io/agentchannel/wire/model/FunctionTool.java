package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A function tool, in the Responses API's flat shape: {@code {"type":"function","name":…,
 * "description":…,"parameters":{JSON Schema},"strict":…}}.
 *
 * @param name the tool name, never {@code null}
 * @param description what the tool does, or {@code null}
 * @param parameters the JSON Schema of the arguments, or {@code null}; treat as read-only
 * @param strict whether the model must follow the schema exactly, or {@code null} when absent
 * @param extras every other field as read ({@code defer_loading}, ...)
 */
public record FunctionTool(
    String name,
    String description,
    JsonNode parameters,
    Boolean strict,
    Map<String, JsonNode> extras)
    implements Tool {

  public static final String TYPE = "function";

  public FunctionTool {
    Objects.requireNonNull(name, "name");
    extras = Frozen.map(extras);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
