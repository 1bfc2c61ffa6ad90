package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * An item of a type the model does not type (hosted tool calls, {@code item_reference}, future
 * types). Its JSON is kept whole and written back unchanged.
 *
 * <p>The node is owned by this record: treat it as read-only.
 *
 * @param type the wire {@code type}
 * @param json the whole item, {@code type} included
 */
public record UnknownItem(String type, ObjectNode json) implements Item {

  public UnknownItem {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String id() {
    JsonNode id = json.get("id");
    return id != null && id.isTextual() ? id.asText() : null;
  }
}
