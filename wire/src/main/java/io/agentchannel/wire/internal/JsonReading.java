package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.wire.model.Frozen;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of the current token, for the streaming readers. Each method is handed the token the
 * caller just advanced to and throws {@link WireException#here} naming what it expected and what it
 * found; the caller's loop adds the field name.
 */
final class JsonReading {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonReading() {}

  /** A string, or {@code null} for JSON null. */
  static String string(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    throw expected("a string", t);
  }

  static int int32(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
      return p.getIntValue();
    }
    throw expected("a 32-bit integer", t);
  }

  static long int64(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
      return p.getLongValue();
    }
    throw expected("a 64-bit integer", t);
  }

  static boolean bool(JsonToken t) {
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw expected("a boolean", t);
  }

  static void expectObject(JsonToken t) {
    if (t != JsonToken.START_OBJECT) {
      throw expected("an object", t);
    }
  }

  static void expectArray(JsonToken t) {
    if (t != JsonToken.START_ARRAY) {
      throw expected("an array", t);
    }
  }

  static WireException expected(String what, JsonToken found) {
    return WireException.here("expected " + what + " but found " + describe(found));
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
        return "an integer";
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.asString() == null ? t.name() : t.asString();
    }
  }

  static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return node.isIntegralNumber() ? "an integer" : "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * The current value as a tree. Built here rather than by {@code readValueAsTree}, which sets up a
   * deserialization context per call; the node classes are the ones the codec's mapper (default
   * number settings) picks, so trees compare equal. Big decimals, which only a tree-backed parser
   * reports, still go through the mapper.
   */
  static JsonNode tree(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_STRING:
        return TextNode.valueOf(p.getText());
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return IntNode.valueOf(p.getIntValue());
          case LONG:
            return LongNode.valueOf(p.getLongValue());
          default:
            return BigIntegerNode.valueOf(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        switch (p.getNumberTypeFP()) {
          case BIG_DECIMAL:
            return p.readValueAsTree();
          case FLOAT32:
            return NODES.numberNode(p.getFloatValue());
          default:
            return NODES.numberNode(p.getDoubleValue());
        }
      case VALUE_TRUE:
        return BooleanNode.TRUE;
      case VALUE_FALSE:
        return BooleanNode.FALSE;
      case VALUE_NULL:
        return NullNode.instance;
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          JsonToken next;
          while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
            if (next == null) {
              throw WireException.here("truncated array");
            }
            array.add(tree(p, next));
          }
          return array;
        }
      case START_OBJECT:
        return objectTree(p, NODES.objectNode());
      default:
        return p.readValueAsTree();
    }
  }

  /** Reads the remaining fields of the current object into {@code into}. */
  static ObjectNode objectTree(JsonParser p, ObjectNode into) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      into.set(name, tree(p, p.nextToken()));
    }
    return into;
  }

  /** Reads one element whose first token the caller has already taken. */
  @FunctionalInterface
  interface ElementReader<T> {
    T read(JsonParser p, JsonToken first) throws IOException;
  }

  /**
   * Reads an array of objects; the parser is on its {@code START_ARRAY}. An error in an element
   * names its index in the field path.
   */
  static <T> List<T> list(JsonParser p, JsonToken t, ElementReader<T> element) throws IOException {
    expectArray(t);
    List<T> elements = new ArrayList<>();
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      try {
        elements.add(element.read(p, next));
      } catch (WireException e) {
        throw e.under("[" + elements.size() + "]");
      }
    }
    return elements;
  }

  /** Adds an untyped field, creating the map on first use (most objects have none). */
  static LinkedHashMap<String, JsonNode> put(
      LinkedHashMap<String, JsonNode> extras, String name, JsonNode value) {
    if (extras == null) {
      extras = new LinkedHashMap<>(4);
    }
    extras.put(name, value);
    return extras;
  }

  /**
   * Like {@link #put}, for objects that usually carry many untyped fields (a Response has a dozen),
   * so the map does not grow through several resizes.
   */
  static LinkedHashMap<String, JsonNode> putMany(
      LinkedHashMap<String, JsonNode> extras, String name, JsonNode value) {
    if (extras == null) {
      extras = new LinkedHashMap<>(32);
    }
    extras.put(name, value);
    return extras;
  }

  /** Keeps the current value as an untyped field. */
  static LinkedHashMap<String, JsonNode> extra(
      LinkedHashMap<String, JsonNode> extras, String name, JsonParser p, JsonToken t)
      throws IOException {
    return put(extras, name, tree(p, t));
  }

  /** The finished extras for a record; the map was built here and is not touched again. */
  static Map<String, JsonNode> done(LinkedHashMap<String, JsonNode> extras) {
    return extras == null ? Map.of() : Frozen.owned(extras);
  }

  static List<String> strings(JsonParser p, JsonToken t) throws IOException {
    expectArray(t);
    List<String> values = new ArrayList<>();
    JsonToken next;
    while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
      if (next != JsonToken.VALUE_STRING) {
        throw expected("a string", next).under("[" + values.size() + "]");
      }
      values.add(p.getText());
    }
    return values;
  }

  static Map<String, String> stringMap(JsonParser p, JsonToken t) throws IOException {
    expectObject(t);
    LinkedHashMap<String, String> values = new LinkedHashMap<>();
    String name;
    while ((name = p.nextFieldName()) != null) {
      JsonToken next = p.nextToken();
      if (next != JsonToken.VALUE_STRING) {
        throw expected("a string", next).under(name);
      }
      values.put(name, p.getText());
    }
    return Frozen.owned(values);
  }

  static Map<String, Long> longMap(JsonParser p, JsonToken t) throws IOException {
    expectObject(t);
    LinkedHashMap<String, Long> values = new LinkedHashMap<>();
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        values.put(name, int64(p, p.nextToken()));
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    return Frozen.owned(values);
  }
}
