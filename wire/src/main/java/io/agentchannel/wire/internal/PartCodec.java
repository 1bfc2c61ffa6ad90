package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.wire.model.ContentPart;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Content parts of messages and reasoning summaries. A part's text travels under {@code text}, or
 * under {@code refusal} for refusal parts; the other key, should a part carry both, stays an extra.
 */
final class PartCodec {

  private PartCodec() {}

  static List<ContentPart> readList(JsonParser p, JsonToken t) throws IOException {
    return JsonReading.list(p, t, PartCodec::read);
  }

  static ContentPart read(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String type = null;
    String text = null;
    String refusal = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL && (name.equals("text") || name.equals("refusal"))) {
          extras = JsonReading.put(extras, name, NullNode.instance); // written back as it came
          continue;
        }
        switch (name) {
          case "type":
            type = JsonReading.string(p, v);
            break;
          case "text":
            text = JsonReading.string(p, v);
            break;
          case "refusal":
            refusal = JsonReading.string(p, v);
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

  static void writeList(JsonGenerator g, List<ContentPart> parts) throws IOException {
    g.writeStartArray();
    for (int i = 0, n = parts.size(); i < n; i++) {
      write(g, parts.get(i));
    }
    g.writeEndArray();
  }

  static void write(JsonGenerator g, ContentPart part) throws IOException {
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
