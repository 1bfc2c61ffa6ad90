package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A tool this model does not type (hosted tools and future types), kept whole.
 *
 * @param type the wire {@code type}
 * @param json the whole tool object, {@code type} included; treat as read-only
 */
public record OtherTool(String type, ObjectNode json) implements Tool {

  public OtherTool {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
  }
}
