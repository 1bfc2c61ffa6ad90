package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.OtherTool;
import io.agentchannel.wire.model.Tool;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;

/** Tools: the flat function tool typed, every other tool kept whole. */
final class ToolCodec {

  private ToolCodec() {}

  static List<Tool> readList(JsonParser p, JsonToken t) throws IOException {
    return JsonReading.list(p, t, ToolCodec::read);
  }

  static Tool read(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String first = p.nextFieldName();
    if ("type".equals(first)) {
      JsonToken v = p.nextToken();
      if (v != JsonToken.VALUE_STRING) {
        throw JsonReading.expected("a string", v).under("type");
      }
      String type = p.getText();
      if (FunctionTool.TYPE.equals(type)) {
        return readFunction(p);
      }
      ObjectNode node = JsonReading.NODES.objectNode();
      node.put("type", type);
      return new OtherTool(type, JsonReading.objectTree(p, node));
    }
    // Type not first: read the object whole, then decide.
    ObjectNode node = JsonReading.NODES.objectNode();
    if (first != null) {
      node.set(first, JsonReading.tree(p, p.nextToken()));
      JsonReading.objectTree(p, node);
    }
    JsonNode type = node.get("type");
    if (type == null || type.isNull()) {
      throw WireException.missing("type");
    }
    if (!type.isTextual()) {
      throw WireException.here("expected a string but found " + JsonReading.describe(type))
          .under("type");
    }
    if (!FunctionTool.TYPE.equals(type.textValue())) {
      return new OtherTool(type.textValue(), node);
    }
    try (JsonParser tp = node.traverse(p.getCodec())) {
      tp.nextToken();
      return readFunction(tp);
    }
  }

  private static FunctionTool readFunction(JsonParser p) throws IOException {
    String fnName = null;
    String description = null;
    JsonNode parameters = null;
    Boolean strict = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL && !name.equals("name")) {
          // parameters and strict are nullable in the schema: keep the null as sent.
          if (!name.equals("type")) {
            extras = JsonReading.put(extras, name, NullNode.instance);
          }
          continue;
        }
        switch (name) {
          case "type":
            p.skipChildren();
            break;
          case "name":
            fnName = JsonReading.string(p, v);
            break;
          case "description":
            description = JsonReading.string(p, v);
            break;
          case "parameters":
            parameters = JsonReading.tree(p, v);
            break;
          case "strict":
            strict = JsonReading.bool(v);
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (fnName == null) {
      throw WireException.missing("name");
    }
    return new FunctionTool(fnName, description, parameters, strict, JsonReading.done(extras));
  }

  static void writeList(JsonGenerator g, List<Tool> tools) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = tools.size(); i < n; i++) {
      write(g, tools.get(i));
    }
    g.writeEndArray();
  }

  static void write(JsonGenerator g, Tool tool) throws IOException {
    if (tool instanceof OtherTool other) {
      ItemWriter.writeWhole(g, other.type(), other.json());
      return;
    }
    FunctionTool f = (FunctionTool) tool;
    g.writeStartObject();
    g.writeStringField("type", FunctionTool.TYPE);
    g.writeStringField("name", f.name());
    JsonWriting.optString(g, "description", f.description());
    JsonWriting.optNode(g, "parameters", f.parameters());
    JsonWriting.optBoolean(g, "strict", f.strict());
    JsonWriting.extras(
        g,
        f.extras(),
        key ->
            switch (key) {
              case "type", "name" -> true;
              case "description" -> f.description() != null;
              case "parameters" -> f.parameters() != null;
              case "strict" -> f.strict() != null;
              default -> false;
            });
    g.writeEndObject();
  }
}
