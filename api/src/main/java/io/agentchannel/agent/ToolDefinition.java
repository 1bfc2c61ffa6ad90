package io.agentchannel.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.wire.model.FunctionTool;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

/**
 * A function tool offered to the model, and the Java code that runs it.
 *
 * @param name the tool's name, as the model calls it: 1 to 64 letters, digits, {@code _} or {@code
 *     -}
 * @param description what the tool does, for the model
 * @param parameters the JSON Schema of its arguments
 * @param handler what runs when the model calls it
 */
public record ToolDefinition(
    String name, String description, JsonNode parameters, ToolHandler handler) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ToolDefinition {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "tool name '" + name + "' must be 1 to 64 letters, digits, '_' or '-'");
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parameters, "parameters");
    if (!parameters.isObject()) {
      throw new IllegalArgumentException(
          "the parameters of tool '" + name + "' must be a JSON Schema object");
    }
    Objects.requireNonNull(handler, "handler");
  }

  /** A tool whose handler returns its output; the schema is a JSON text. */
  public static ToolDefinition of(
      String name, String description, String parametersSchema, ToolHandler.Blocking handler) {
    return new ToolDefinition(name, description, parse(name, parametersSchema), handler);
  }

  /** A tool whose handler completes a stage with its output; the schema is a JSON text. */
  public static ToolDefinition async(
      String name, String description, String parametersSchema, ToolHandler.Async handler) {
    return new ToolDefinition(name, description, parse(name, parametersSchema), handler);
  }

  /** The tool as the request's {@code tools} carries it. */
  public FunctionTool toFunctionTool() {
    return new FunctionTool(name, description, parameters, null, Map.of());
  }

  private static JsonNode parse(String name, String schema) {
    Objects.requireNonNull(schema, "parametersSchema");
    try {
      return JSON.readTree(schema);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the parameters schema of tool '" + name + "' is not JSON: " + e.getOriginalMessage(), e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException(
          "the parameters schema of tool '" + name + "' could not be read", e);
    }
  }
}
