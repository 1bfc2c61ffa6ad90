package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.wire.model.ErrorDetail;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link ErrorDetail} in its three wire forms: the HTTP error body, the nested {@code error} of a
 * WebSocket error frame, and {@code Response.error}. (The flat SSE {@code error} event is read by
 * the event reader, whose fields it shares.)
 *
 * <p>Any other key of an error object is kept in {@link ErrorDetail#extras()} and written back
 * after the typed keys.
 */
final class ErrorCodec {

  private ErrorCodec() {}

  /** Reads an error object; the parser is on its {@code START_OBJECT}. */
  static ErrorDetail read(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String type = null;
    String code = null;
    String message = null;
    String param = null;
    Map<String, String> headers = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "type":
            type = JsonReading.string(p, v);
            break;
          case "code":
            code = JsonReading.string(p, v);
            break;
          case "message":
            message = JsonReading.string(p, v);
            break;
          case "param":
            param = JsonReading.string(p, v);
            break;
          case "headers":
            headers = v == JsonToken.VALUE_NULL ? null : JsonReading.stringMap(p, v);
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    return new ErrorDetail(type, code, message, param, headers, JsonReading.done(extras));
  }

  /** Reads {@code {"error":{…}}}; other top-level keys are ignored. */
  static ErrorDetail readHttpBody(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    ErrorDetail detail = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("error")) {
          detail = read(p, v);
        } else {
          p.skipChildren();
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (detail == null) {
      throw WireException.missing("error");
    }
    return detail;
  }

  /** The HTTP body: all four keys, {@code null} when null, as the API's schema requires. */
  static void writeHttpBody(JsonGenerator g, ErrorDetail e) throws IOException {
    g.writeStartObject();
    g.writeFieldName("error");
    g.writeStartObject();
    JsonWriting.string(g, "message", e.message());
    JsonWriting.string(g, "type", e.type());
    JsonWriting.string(g, "param", e.param());
    JsonWriting.string(g, "code", e.code());
    writeHeadersAndExtras(g, e);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The nested WebSocket form: only the keys that have a value. */
  static void writeNested(JsonGenerator g, ErrorDetail e) throws IOException {
    g.writeStartObject();
    JsonWriting.optString(g, "type", e.type());
    JsonWriting.optString(g, "code", e.code());
    JsonWriting.optString(g, "message", e.message());
    JsonWriting.optString(g, "param", e.param());
    writeHeadersAndExtras(g, e);
    g.writeEndObject();
  }

  /** {@code Response.error}: {@code code} and {@code message} always (both required there). */
  static void writeResponseError(JsonGenerator g, ErrorDetail e) throws IOException {
    g.writeStartObject();
    JsonWriting.string(g, "code", e.code());
    JsonWriting.string(g, "message", e.message());
    JsonWriting.optString(g, "type", e.type());
    JsonWriting.optString(g, "param", e.param());
    writeHeadersAndExtras(g, e);
    g.writeEndObject();
  }

  private static void writeHeadersAndExtras(JsonGenerator g, ErrorDetail e) throws IOException {
    if (e.headers() != null) {
      g.writeFieldName("headers");
      JsonWriting.stringMap(g, e.headers());
    }
    JsonWriting.extras(g, e.extras(), TYPED_KEYS::contains);
  }

  private static final Set<String> TYPED_KEYS =
      Set.of("type", "code", "message", "param", "headers");
}
