package io.agentchannel.internal.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.model.ContentPart;
import io.agentchannel.model.FunctionCallItem;
import io.agentchannel.model.FunctionCallOutputItem;
import io.agentchannel.model.Item;
import io.agentchannel.model.MessageItem;
import io.agentchannel.model.ReasoningItem;
import io.agentchannel.model.UnknownItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Items (message, function call, function call output, reasoning, anything else kept whole) and
 * content parts.
 *
 * <p>Servers write {@code type} first, so an item is read in one streaming pass once its first
 * field turns out to be {@code type}. Otherwise the item is read as a tree first and then
 * decoded from it; that costs a tree, but only for items hand-written in an odd order.
 *
 * <p>A JSON {@code null} on an optional typed field is kept in {@code extras} (the typed value
 * stays {@code null}), so it is written back as it came; the writers let a typed value win over an
 * extra of the same name.
 */
final class ItemCodec {

  private ItemCodec() {}

  static Item read(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String first = p.nextFieldName();
    if ("type".equals(first)) {
      return readTyped(p, typeValue(p, p.nextToken()));
    }
    ObjectNode node = JsonReading.NODES.objectNode();
    if (first != null) {
      node.set(first, JsonReading.tree(p, p.nextToken()));
      JsonReading.objectTree(p, node);
    }
    return fromTree(node, p.getCodec());
  }

  /** A list of items; the parser is on the array's {@code START_ARRAY}. */
  static List<Item> readList(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectArray(t);
    List<Item> items = new ArrayList<>();
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      try {
        items.add(read(p, next));
      } catch (WireException e) {
        throw e.under("[" + items.size() + "]");
      }
    }
    return items;
  }

  private static String typeValue(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw JsonReading.expected("a string", v).under("type");
    }
    return p.getText();
  }

  private static Item fromTree(ObjectNode node, ObjectCodec codec) throws IOException {
    JsonNode typeNode = node.get("type");
    String type;
    if (typeNode == null || typeNode.isNull()) {
      // EasyInputMessage: a message may leave out its type.
      if (!node.has("role")) {
        throw WireException.missing("type");
      }
      type = MessageItem.TYPE;
    } else if (!typeNode.isTextual()) {
      throw WireException.here(
              "expected a string but found " + JsonReading.describe(typeNode))
          .under("type");
    } else {
      type = typeNode.textValue();
    }
    if (!isTyped(type)) {
      return new UnknownItem(type, node);
    }
    try (JsonParser tp = node.traverse(codec)) {
      tp.nextToken();
      return readTyped(tp, type);
    }
  }

  private static boolean isTyped(String type) {
    switch (type) {
      case MessageItem.TYPE:
      case FunctionCallItem.TYPE:
      case FunctionCallOutputItem.TYPE:
      case ReasoningItem.TYPE:
        return true;
      default:
        return false;
    }
  }

  /** Reads the remaining fields of an item whose type is known. */
  private static Item readTyped(JsonParser p, String type) throws IOException {
    switch (type) {
      case MessageItem.TYPE:
        return readMessage(p);
      case FunctionCallItem.TYPE:
        return readFunctionCall(p);
      case FunctionCallOutputItem.TYPE:
        return readFunctionCallOutput(p);
      case ReasoningItem.TYPE:
        return readReasoning(p);
      default:
        ObjectNode node = JsonReading.NODES.objectNode();
        node.put("type", type);
        return new UnknownItem(type, JsonReading.objectTree(p, node));
    }
  }

  private static MessageItem readMessage(JsonParser p) throws IOException {
    String id = null;
    String role = null;
    String status = null;
    List<ContentPart> content = null;
    String contentText = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else {
              id = JsonReading.string(p, v);
            }
            break;
          case "role":
            role = JsonReading.string(p, v);
            break;
          case "status":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else {
              status = JsonReading.string(p, v);
            }
            break;
          case "content":
            if (v == JsonToken.VALUE_STRING) {
              contentText = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              content = readParts(p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (role == null) {
      throw WireException.missing("role");
    }
    if (contentText != null) {
      content =
          List.of(
              "assistant".equals(role)
                  ? ContentPart.outputText(contentText)
                  : ContentPart.inputText(contentText));
    }
    return new MessageItem(id, role, status, content, JsonReading.done(extras));
  }

  private static FunctionCallItem readFunctionCall(JsonParser p) throws IOException {
    String id = null;
    String callId = null;
    String fnName = null;
    String arguments = null;
    String status = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else {
              id = JsonReading.string(p, v);
            }
            break;
          case "call_id":
            callId = JsonReading.string(p, v);
            break;
          case "name":
            fnName = JsonReading.string(p, v);
            break;
          case "arguments":
            arguments = JsonReading.string(p, v);
            break;
          case "status":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else {
              status = JsonReading.string(p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (callId == null) {
      throw WireException.missing("call_id");
    }
    if (fnName == null) {
      throw WireException.missing("name");
    }
    return new FunctionCallItem(id, callId, fnName, arguments, status, JsonReading.done(extras));
  }

  private static FunctionCallOutputItem readFunctionCallOutput(JsonParser p) throws IOException {
    String id = null;
    String callId = null;
    String output = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else {
              id = JsonReading.string(p, v);
            }
            break;
          case "call_id":
            callId = JsonReading.string(p, v);
            break;
          case "output":
            // The content-part array form (and anything but a string) is kept as read.
            if (v == JsonToken.VALUE_STRING) {
              output = p.getText();
            } else {
              extras = JsonReading.extra(extras, name, p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (callId == null) {
      throw WireException.missing("call_id");
    }
    if (output == null && (extras == null || !extras.containsKey("output"))) {
      throw WireException.missing("output");
    }
    return new FunctionCallOutputItem(id, callId, output, JsonReading.done(extras));
  }

  private static ReasoningItem readReasoning(JsonParser p) throws IOException {
    String id = null;
    List<ContentPart> summary = null;
    String encrypted = null;
    String status = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "summary":
            if (v != JsonToken.VALUE_NULL) {
              summary = readParts(p, v);
            }
            break;
          case "id":
          case "encrypted_content":
          case "status":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else if (name.equals("id")) {
              id = JsonReading.string(p, v);
            } else if (name.equals("status")) {
              status = JsonReading.string(p, v);
            } else {
              encrypted = JsonReading.string(p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    return new ReasoningItem(id, summary, encrypted, status, JsonReading.done(extras));
  }

  static List<ContentPart> readParts(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectArray(t);
    List<ContentPart> parts = new ArrayList<>();
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      try {
        parts.add(readPart(p, next));
      } catch (WireException e) {
        throw e.under("[" + parts.size() + "]");
      }
    }
    return parts;
  }

  static ContentPart readPart(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String type = null;
    String text = null;
    String refusal = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            type = JsonReading.string(p, v);
            break;
          case "text":
          case "refusal":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else if (name.equals("text")) {
              text = JsonReading.string(p, v);
            } else {
              refusal = JsonReading.string(p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (type == null) {
      throw WireException.missing("type");
    }
    // Which of text/refusal is the part's text depends on the type, which may come last.
    String value;
    if (ContentPart.REFUSAL.equals(type)) {
      value = refusal;
      if (text != null) {
        extras = JsonReading.put(extras, "text", TextNode.valueOf(text));
      }
    } else {
      value = text;
      if (refusal != null) {
        extras = JsonReading.put(extras, "refusal", TextNode.valueOf(refusal));
      }
    }
    return new ContentPart(type, value, JsonReading.done(extras));
  }

  // ---- writing ----

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
    writeParts(g, m.content());
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
    writeParts(g, r.summary());
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

  static void writeParts(JsonGenerator g, List<ContentPart> parts) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = parts.size(); i < n; i++) {
      writePart(g, parts.get(i));
    }
    g.writeEndArray();
  }

  static void writePart(JsonGenerator g, ContentPart part) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", part.type());
    String textField = part.textField();
    boolean hasText = part.text() != null;
    if (hasText) {
      g.writeStringField(textField, part.text());
    }
    JsonWriting.extras(
        g, part.extras(), key -> key.equals("type") || hasText && key.equals(textField));
    g.writeEndObject();
  }
}
