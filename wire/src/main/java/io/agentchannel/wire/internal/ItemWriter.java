package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.UnknownItem;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes items: {@code type} first, then the typed fields (optional ones only when set), then the
 * extras; a typed value wins over an extra of the same name.
 */
final class ItemWriter {

  private ItemWriter() {}

  static void write(JsonGenerator g, Item item) throws IOException {
    if (item instanceof MessageItem m) {
      writeMessage(g, m);
    } else if (item instanceof FunctionCallItem f) {
      writeFunctionCall(g, f);
    } else if (item instanceof FunctionCallOutputItem o) {
      writeFunctionCallOutput(g, o);
    } else if (item instanceof ReasoningItem r) {
      writeReasoning(g, r);
    } else {
      UnknownItem u = (UnknownItem) item;
      writeWhole(g, u.type(), u.json());
    }
  }

  static void writeList(JsonGenerator g, List<? extends Item> items) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = items.size(); i < n; i++) {
      write(g, items.get(i));
    }
    g.writeEndArray();
  }

  /** An object kept whole, with {@code type} first and taken from the record. */
  static void writeWhole(JsonGenerator g, String type, ObjectNode json) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", type);
    for (Map.Entry<String, JsonNode> e : json.properties()) {
      if (!e.getKey().equals("type")) {
        g.writeFieldName(e.getKey());
        JsonWriting.node(g, e.getValue());
      }
    }
    g.writeEndObject();
  }

  private static void writeMessage(JsonGenerator g, MessageItem m) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", MessageItem.TYPE);
    JsonWriting.optString(g, "id", m.id());
    JsonWriting.optString(g, "status", m.status());
    g.writeStringField("role", m.role());
    g.writeFieldName("content");
    PartCodec.writeList(g, m.content());
    JsonWriting.extras(
        g,
        m.extras(),
        key ->
            switch (key) {
              case "id" -> m.id() != null;
              case "status" -> m.status() != null;
              case "type", "role", "content" -> true;
              default -> false;
            });
    g.writeEndObject();
  }

  private static void writeFunctionCall(JsonGenerator g, FunctionCallItem f) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", FunctionCallItem.TYPE);
    JsonWriting.optString(g, "id", f.id());
    g.writeStringField("call_id", f.callId());
    g.writeStringField("name", f.name());
    g.writeStringField("arguments", f.arguments());
    JsonWriting.optString(g, "status", f.status());
    JsonWriting.extras(
        g,
        f.extras(),
        key ->
            switch (key) {
              case "id" -> f.id() != null;
              case "status" -> f.status() != null;
              case "type", "call_id", "name", "arguments" -> true;
              default -> false;
            });
    g.writeEndObject();
  }

  private static void writeFunctionCallOutput(JsonGenerator g, FunctionCallOutputItem o)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", FunctionCallOutputItem.TYPE);
    JsonWriting.optString(g, "id", o.id());
    g.writeStringField("call_id", o.callId());
    JsonWriting.optString(g, "output", o.output());
    JsonWriting.extras(
        g,
        o.extras(),
        key ->
            switch (key) {
              case "id" -> o.id() != null;
              case "output" -> o.output() != null;
              case "type", "call_id" -> true;
              default -> false;
            });
    g.writeEndObject();
  }

  private static void writeReasoning(JsonGenerator g, ReasoningItem r) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", ReasoningItem.TYPE);
    JsonWriting.optString(g, "id", r.id());
    g.writeFieldName("summary");
    PartCodec.writeList(g, r.summary());
    JsonWriting.optString(g, "encrypted_content", r.encryptedContent());
    JsonWriting.optString(g, "status", r.status());
    JsonWriting.extras(
        g,
        r.extras(),
        key ->
            switch (key) {
              case "id" -> r.id() != null;
              case "encrypted_content" -> r.encryptedContent() != null;
              case "status" -> r.status() != null;
              case "type", "summary" -> true;
              default -> false;
            });
    g.writeEndObject();
  }
}
