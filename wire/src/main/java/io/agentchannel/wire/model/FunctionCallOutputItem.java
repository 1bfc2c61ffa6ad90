package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * A tool result sent back to the model.
 *
 * <p>The wire allows {@code output} as a string or as an array of content parts. The string form is
 * typed here; an array is kept as read in {@code extras} under {@code "output"} (and {@link
 * #output()} is then {@code null}), so it is written back unchanged.
 *
 * @param id the item id, or {@code null} (client-sent outputs usually have none)
 * @param callId the {@code call_id} of the {@link FunctionCallItem} this answers
 * @param output the tool's result text, or {@code null} when the output is an array
 * @param extras every other field as read
 */
public record FunctionCallOutputItem(
    String id, String callId, String output, Map<String, JsonNode> extras) implements Item {

  public static final String TYPE = "function_call_output";

  public FunctionCallOutputItem {
    Objects.requireNonNull(callId, "callId");
    extras = Frozen.map(extras);
    if (output == null && !extras.containsKey("output")) {
      throw new IllegalArgumentException("function_call_output needs an output");
    }
  }

  /** The usual form: a text result for a call. */
  public static FunctionCallOutputItem of(String callId, String output) {
    return new FunctionCallOutputItem(
        null, callId, Objects.requireNonNull(output, "output"), Map.of());
  }

  @Override
  public String type() {
    return TYPE;
  }
}
