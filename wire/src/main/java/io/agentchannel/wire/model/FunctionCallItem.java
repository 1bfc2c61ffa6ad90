package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * The model calling a function tool. The client runs the tool and answers with a {@link
 * FunctionCallOutputItem} carrying the same {@link #callId()}.
 *
 * @param id the item id ({@code fc_…}), or {@code null}
 * @param callId the id that pairs the call with its output ({@code call_…}), never {@code null}
 * @param name the tool name, never {@code null}
 * @param arguments the arguments as a JSON text (the wire carries a string, not an object)
 * @param status {@code in_progress}, {@code completed}, ... or {@code null}
 * @param extras every other field as read ({@code namespace}, {@code caller}, ...)
 */
public record FunctionCallItem(
    String id,
    String callId,
    String name,
    String arguments,
    String status,
    Map<String, JsonNode> extras)
    implements Item {

  public static final String TYPE = "function_call";

  public FunctionCallItem {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(name, "name");
    arguments = arguments == null ? "" : arguments;
    extras = Frozen.map(extras);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
