package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.UnknownItem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reads items: message, function call, function call output, reasoning, and anything else kept
 * whole. {@link ItemWriter} writes them.
 *
 * <p>Servers write {@code type} first, so an item is read in one streaming pass once its first
 * field turns out to be {@code type}. Otherwise the item is read as a tree first and then decoded
 * from it; that costs a tree, but only for items hand-written in an odd order.
 *
 * <p>A JSON {@code null} on an optional typed field is kept in {@code extras} (the typed value
 * stays {@code null}), so it is written back as it came; the writers let a typed value win over an
 * extra of the same name.
 */
final class ItemCodec {

  /** Optional string fields whose explicit JSON null is kept as an extra, to be written back. */
  private static final Set<String> NULL_KEPT_AS_EXTRA = Set.of("id", "status", "encrypted_content");

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
    return JsonReading.list(p, t, ItemCodec::read);
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
      throw WireException.here("expected a string but found " + JsonReading.describe(typeNode))
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
        if (v == JsonToken.VALUE_NULL && NULL_KEPT_AS_EXTRA.contains(name)) {
          extras = JsonReading.put(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            id = JsonReading.string(p, v);
            break;
          case "role":
            role = JsonReading.string(p, v);
            break;
          case "status":
            status = JsonReading.string(p, v);
            break;
          case "content":
            if (v == JsonToken.VALUE_STRING) {
              contentText = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
              content = PartCodec.readList(p, v);
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
        if (v == JsonToken.VALUE_NULL && NULL_KEPT_AS_EXTRA.contains(name)) {
          extras = JsonReading.put(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            id = JsonReading.string(p, v);
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
            status = JsonReading.string(p, v);
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
        if (v == JsonToken.VALUE_NULL && NULL_KEPT_AS_EXTRA.contains(name)) {
          extras = JsonReading.put(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "id":
            id = JsonReading.string(p, v);
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
        if (v == JsonToken.VALUE_NULL && NULL_KEPT_AS_EXTRA.contains(name)) {
          extras = JsonReading.put(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "summary":
            if (v != JsonToken.VALUE_NULL) {
              summary = PartCodec.readList(p, v);
            }
            break;
          case "id":
            id = JsonReading.string(p, v);
            break;
          case "encrypted_content":
            encrypted = JsonReading.string(p, v);
            break;
          case "status":
            status = JsonReading.string(p, v);
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
}
