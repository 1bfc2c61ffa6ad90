package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/** Generator helpers shared by the writers. */
final class JsonWriting {

  private JsonWriting() {}

  /** Writes one document with a generator. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  static String asString(WireJson json, Body body) {
    StringWriter out = new StringWriter(256);
    to(json, out, body);
    return out.toString();
  }

  /** Writes to a caller's writer, which is neither closed nor flushed. */
  static void to(WireJson json, Writer out, Body body) {
    try (JsonGenerator g = json.generator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a tree by walking it, not through {@code writeTree}, which builds a serializer provider
   * per call: extras are written on every streamed event.
   */
  static void node(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case STRING:
        g.writeString(node.textValue());
        return;
      case NUMBER:
        number(g, node);
        return;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        return;
      case NULL:
        g.writeNull();
        return;
      case ARRAY:
        g.writeStartArray();
        for (int i = 0, n = node.size(); i < n; i++) {
          node(g, node.get(i));
        }
        g.writeEndArray();
        return;
      case OBJECT:
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          node(g, field.getValue());
        }
        g.writeEndObject();
        return;
      default:
        // Binary, POJO and missing nodes never come from the readers; let the mapper decide.
        g.writeTree(node);
    }
  }

  private static void number(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.numberType()) {
      case INT:
        g.writeNumber(node.intValue());
        return;
      case LONG:
        g.writeNumber(node.longValue());
        return;
      case BIG_INTEGER:
        g.writeNumber(node.bigIntegerValue());
        return;
      case FLOAT:
        g.writeNumber(node.floatValue());
        return;
      case DOUBLE:
        g.writeNumber(node.doubleValue());
        return;
      default:
        g.writeNumber(node.decimalValue());
    }
  }

  /** Writes {@code name: value} unless {@code value} is {@code null} (absent on the wire). */
  static void optString(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** Writes {@code name: value}, JSON null included. */
  static void string(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }

  static void optBoolean(JsonGenerator g, String name, Boolean value) throws IOException {
    if (value != null) {
      g.writeBooleanField(name, value);
    }
  }

  static void optNode(JsonGenerator g, String name, JsonNode value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      node(g, value);
    }
  }

  static void strings(JsonGenerator g, List<String> values) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = values.size(); i < n; i++) {
      g.writeString(values.get(i));
    }
    g.writeEndArray();
  }

  static void stringMap(JsonGenerator g, Map<String, String> values) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, String> e : values.entrySet()) {
      g.writeStringField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  static void longMap(JsonGenerator g, Map<String, Long> values) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Long> e : values.entrySet()) {
      g.writeNumberField(e.getKey(), e.getValue());
    }
    g.writeEndObject();
  }

  /** Decides whether the typed part of a record already wrote a key. */
  @FunctionalInterface
  interface Written {
    boolean contains(String key);
  }

  /**
   * Writes the untyped fields after the typed ones, in their order, skipping any key the typed part
   * already wrote: a typed value wins over an extra of the same name (the readers put an explicit
   * JSON null of a typed field there, and callers may set both).
   */
  static void extras(JsonGenerator g, Map<String, JsonNode> extras, Written written)
      throws IOException {
    if (extras.isEmpty()) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : extras.entrySet()) {
      String key = e.getKey();
      if (!written.contains(key)) {
        g.writeFieldName(key);
        node(g, e.getValue());
      }
    }
  }
}
