package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The create request: the HTTP body and the WebSocket {@code response.create} frame, which is the
 * same flat object plus {@code "type":"response.create"}.
 *
 * <p>{@code stream_id} is written whenever it is set, in both forms: whether a field belongs on a
 * transport is the transport's decision, not the codec's.
 */
final class RequestCodec {

  static final String CREATE_TYPE = "response.create";

  private RequestCodec() {}

  /** Reads an HTTP body: a {@code type} key, should one appear, is just another extra. */
  static CreateRequest readBody(JsonParser p, JsonToken t) throws IOException {
    return read(p, t, false);
  }

  /** Reads a {@code response.create} frame: {@code type} must be present and say so. */
  static CreateRequest readFrame(JsonParser p, JsonToken t) throws IOException {
    return read(p, t, true);
  }

  private static CreateRequest read(JsonParser p, JsonToken t, boolean frame) throws IOException {
    JsonReading.expectObject(t);
    boolean typeSeen = false;
    CreateRequest.Builder b = CreateRequest.builder();
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (frame && name.equals("type")) {
          checkFrameType(p, v);
          typeSeen = true;
          continue;
        }
        if (v == JsonToken.VALUE_NULL) {
          extras = JsonReading.put(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "model":
            b.model(JsonReading.string(p, v));
            break;
          case "input":
            if (v == JsonToken.VALUE_STRING) {
              // The string form means one user message; the service treats both the same.
              b.input(List.of(MessageItem.user(p.getText())));
            } else {
              b.input(ItemCodec.readList(p, v));
            }
            break;
          case "instructions":
            b.instructions(JsonReading.string(p, v));
            break;
          case "tools":
            b.tools(ToolCodec.readList(p, v));
            break;
          case "tool_choice":
            b.toolChoice(JsonReading.tree(p, v));
            break;
          case "parallel_tool_calls":
            b.parallelToolCalls(JsonReading.bool(v));
            break;
          case "previous_response_id":
            b.previousResponseId(JsonReading.string(p, v));
            break;
          case "store":
            b.store(JsonReading.bool(v));
            break;
          case "stream":
            b.stream(JsonReading.bool(v));
            break;
          case "include":
            b.include(JsonReading.strings(p, v));
            break;
          case "reasoning":
            b.reasoning(JsonReading.tree(p, v));
            break;
          case "text":
            b.text(JsonReading.tree(p, v));
            break;
          case "metadata":
            b.metadata(JsonReading.stringMap(p, v));
            break;
          case "max_output_tokens":
            b.maxOutputTokens(JsonReading.int32(p, v));
            break;
          case "generate":
            b.generate(JsonReading.bool(v));
            break;
          case "stream_id":
            b.streamId(JsonReading.string(p, v));
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (frame && !typeSeen) {
      throw new WireException(
          "type", "required field is missing (expected \"" + CREATE_TYPE + "\")");
    }
    if (extras != null) {
      b.extras(extras);
    }
    return b.build();
  }

  private static void checkFrameType(JsonParser p, JsonToken v) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw JsonReading.expected("the string \"" + CREATE_TYPE + "\"", v);
    }
    String type = p.getText();
    if (!type.equals(CREATE_TYPE)) {
      throw new WireException(
          null, "expected a \"" + CREATE_TYPE + "\" frame but found type \"" + type + "\"", type);
    }
  }

  // ---- writing ----

  static void write(JsonGenerator g, CreateRequest r, boolean frame) throws IOException {
    g.writeStartObject();
    if (frame) {
      g.writeStringField("type", CREATE_TYPE);
    }
    JsonWriting.optString(g, "model", r.model());
    if (r.input() != null) {
      g.writeFieldName("input");
      ItemWriter.writeList(g, r.input());
    }
    JsonWriting.optString(g, "instructions", r.instructions());
    if (r.tools() != null) {
      g.writeFieldName("tools");
      ToolCodec.writeList(g, r.tools());
    }
    JsonWriting.optNode(g, "tool_choice", r.toolChoice());
    JsonWriting.optBoolean(g, "parallel_tool_calls", r.parallelToolCalls());
    JsonWriting.optString(g, "previous_response_id", r.previousResponseId());
    JsonWriting.optBoolean(g, "store", r.store());
    JsonWriting.optBoolean(g, "stream", r.stream());
    if (r.include() != null) {
      g.writeFieldName("include");
      JsonWriting.strings(g, r.include());
    }
    JsonWriting.optNode(g, "reasoning", r.reasoning());
    JsonWriting.optNode(g, "text", r.text());
    if (r.metadata() != null) {
      g.writeFieldName("metadata");
      JsonWriting.stringMap(g, r.metadata());
    }
    if (r.maxOutputTokens() != null) {
      g.writeNumberField("max_output_tokens", r.maxOutputTokens());
    }
    JsonWriting.optBoolean(g, "generate", r.generate());
    JsonWriting.optString(g, "stream_id", r.streamId());
    Map<String, JsonNode> extras = r.extras();
    JsonWriting.extras(g, extras, key -> frame && key.equals("type") || written(r, key));
    g.writeEndObject();
  }

  private static boolean written(CreateRequest r, String key) {
    switch (key) {
      case "model":
        return r.model() != null;
      case "input":
        return r.input() != null;
      case "instructions":
        return r.instructions() != null;
      case "tools":
        return r.tools() != null;
      case "tool_choice":
        return r.toolChoice() != null;
      case "parallel_tool_calls":
        return r.parallelToolCalls() != null;
      case "previous_response_id":
        return r.previousResponseId() != null;
      case "store":
        return r.store() != null;
      case "stream":
        return r.stream() != null;
      case "include":
        return r.include() != null;
      case "reasoning":
        return r.reasoning() != null;
      case "text":
        return r.text() != null;
      case "metadata":
        return r.metadata() != null;
      case "max_output_tokens":
        return r.maxOutputTokens() != null;
      case "generate":
        return r.generate() != null;
      case "stream_id":
        return r.streamId() != null;
      default:
        return false;
    }
  }
}
