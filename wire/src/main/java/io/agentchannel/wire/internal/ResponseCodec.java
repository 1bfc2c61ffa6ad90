package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.IncompleteDetails;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.Tool;
import io.agentchannel.wire.model.Usage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Response object, with its usage and incomplete details.
 *
 * <p>{@code error}, {@code incomplete_details} and {@code instructions} are always written (the API
 * requires them even when null) unless an extra of that name stands in for them: {@code
 * instructions} given as an array is kept in extras. A JSON null on any other typed field is kept
 * in extras so it is written back as it came.
 */
final class ResponseCodec {

  private ResponseCodec() {}

  /** Reads a Response; the parser is on its {@code START_OBJECT}. */
  static Response read(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String id = null;
    String object = null;
    long createdAt = 0;
    String status = null;
    Long completedAt = null;
    ErrorDetail error = null;
    IncompleteDetails incomplete = null;
    String instructions = null;
    String model = null;
    List<Item> output = null;
    Boolean parallelToolCalls = null;
    String previousResponseId = null;
    Boolean store = null;
    List<Tool> tools = null;
    JsonNode toolChoice = null;
    Usage usage = null;
    Map<String, String> metadata = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (v == JsonToken.VALUE_NULL && nullIsExtra(name)) {
          extras = JsonReading.putMany(extras, name, NullNode.instance);
          continue;
        }
        switch (name) {
          case "id":
            id = JsonReading.string(p, v);
            break;
          case "object":
            object = JsonReading.string(p, v);
            break;
          case "created_at":
            createdAt = v == JsonToken.VALUE_NULL ? 0 : JsonReading.int64(p, v);
            break;
          case "status":
            status = JsonReading.string(p, v);
            break;
          case "completed_at":
            completedAt = JsonReading.int64(p, v);
            break;
          case "error":
            error = v == JsonToken.VALUE_NULL ? null : ErrorCodec.read(p, v);
            break;
          case "incomplete_details":
            incomplete = v == JsonToken.VALUE_NULL ? null : readIncomplete(p, v);
            break;
          case "instructions":
            if (v == JsonToken.START_ARRAY) {
              // Instructions may come back as input items; kept as read.
              extras = JsonReading.putMany(extras, name, JsonReading.tree(p, v));
            } else {
              instructions = JsonReading.string(p, v);
            }
            break;
          case "model":
            model = JsonReading.string(p, v);
            break;
          case "output":
            output = v == JsonToken.VALUE_NULL ? null : ItemCodec.readList(p, v);
            break;
          case "parallel_tool_calls":
            parallelToolCalls = JsonReading.bool(v);
            break;
          case "previous_response_id":
            previousResponseId = JsonReading.string(p, v);
            break;
          case "store":
            store = JsonReading.bool(v);
            break;
          case "tools":
            tools = ToolCodec.readList(p, v);
            break;
          case "tool_choice":
            toolChoice = JsonReading.tree(p, v);
            break;
          case "usage":
            usage = readUsage(p, v);
            break;
          case "metadata":
            metadata = JsonReading.stringMap(p, v);
            break;
          default:
            extras = JsonReading.putMany(extras, name, JsonReading.tree(p, v));
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    if (id == null) {
      throw WireException.missing("id");
    }
    return new Response(
        id,
        object,
        createdAt,
        status,
        completedAt,
        error,
        incomplete,
        instructions,
        model,
        output,
        parallelToolCalls,
        previousResponseId,
        store,
        tools,
        toolChoice,
        usage,
        metadata,
        JsonReading.done(extras));
  }

  /** Fields whose JSON null the writer would not reproduce on its own. */
  private static boolean nullIsExtra(String name) {
    switch (name) {
      case "id":
      case "created_at":
      case "error":
      case "incomplete_details":
      case "instructions":
      case "output":
        return false;
      default:
        return true;
    }
  }

  private static IncompleteDetails readIncomplete(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    String reason = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        if (name.equals("reason")) {
          reason = JsonReading.string(p, v);
        } else {
          extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    return new IncompleteDetails(reason, JsonReading.done(extras));
  }

  static Usage readUsage(JsonParser p, JsonToken t) throws IOException {
    JsonReading.expectObject(t);
    long input = 0;
    long output = 0;
    long total = 0;
    Map<String, Long> inputDetails = null;
    Map<String, Long> outputDetails = null;
    LinkedHashMap<String, JsonNode> extras = null;
    String name = null;
    try {
      while ((name = p.nextFieldName()) != null) {
        JsonToken v = p.nextToken();
        switch (name) {
          case "input_tokens":
            input = JsonReading.int64(p, v);
            break;
          case "output_tokens":
            output = JsonReading.int64(p, v);
            break;
          case "total_tokens":
            total = JsonReading.int64(p, v);
            break;
          case "input_tokens_details":
          case "output_tokens_details":
            if (v == JsonToken.VALUE_NULL) {
              extras = JsonReading.put(extras, name, NullNode.instance);
            } else if (name.equals("input_tokens_details")) {
              inputDetails = JsonReading.longMap(p, v);
            } else {
              outputDetails = JsonReading.longMap(p, v);
            }
            break;
          default:
            extras = JsonReading.extra(extras, name, p, v);
        }
      }
    } catch (WireException e) {
      throw e.under(name);
    }
    return new Usage(input, output, total, inputDetails, outputDetails, JsonReading.done(extras));
  }

  // ---- writing ----

  static void write(JsonGenerator g, Response r) throws IOException {
    Map<String, JsonNode> extras = r.extras();
    g.writeStartObject();
    g.writeStringField("id", r.id());
    JsonWriting.optString(g, "object", r.object());
    g.writeNumberField("created_at", r.createdAt());
    JsonWriting.optString(g, "status", r.status());
    if (r.completedAt() != null) {
      g.writeNumberField("completed_at", r.completedAt());
    }
    if (r.error() != null) {
      g.writeFieldName("error");
      ErrorCodec.writeResponseError(g, r.error());
    } else if (!extras.containsKey("error")) {
      g.writeNullField("error");
    }
    if (r.incompleteDetails() != null) {
      g.writeFieldName("incomplete_details");
      g.writeStartObject();
      JsonWriting.string(g, "reason", r.incompleteDetails().reason());
      JsonWriting.extras(g, r.incompleteDetails().extras(), "reason"::equals);
      g.writeEndObject();
    } else if (!extras.containsKey("incomplete_details")) {
      g.writeNullField("incomplete_details");
    }
    if (r.instructions() != null) {
      g.writeStringField("instructions", r.instructions());
    } else if (!extras.containsKey("instructions")) {
      g.writeNullField("instructions");
    }
    JsonWriting.optString(g, "model", r.model());
    g.writeFieldName("output");
    ItemWriter.writeList(g, r.output());
    JsonWriting.optBoolean(g, "parallel_tool_calls", r.parallelToolCalls());
    JsonWriting.optString(g, "previous_response_id", r.previousResponseId());
    JsonWriting.optBoolean(g, "store", r.store());
    if (r.tools() != null) {
      g.writeFieldName("tools");
      ToolCodec.writeList(g, r.tools());
    }
    JsonWriting.optNode(g, "tool_choice", r.toolChoice());
    if (r.usage() != null) {
      g.writeFieldName("usage");
      writeUsage(g, r.usage());
    }
    if (r.metadata() != null) {
      g.writeFieldName("metadata");
      JsonWriting.stringMap(g, r.metadata());
    }
    JsonWriting.extras(g, extras, key -> written(r, key));
    g.writeEndObject();
  }

  private static boolean written(Response r, String key) {
    switch (key) {
      case "id":
      case "created_at":
      case "output":
        return true;
      case "object":
        return r.object() != null;
      case "status":
        return r.status() != null;
      case "completed_at":
        return r.completedAt() != null;
      case "error":
        return r.error() != null;
      case "incomplete_details":
        return r.incompleteDetails() != null;
      case "instructions":
        return r.instructions() != null;
      case "model":
        return r.model() != null;
      case "parallel_tool_calls":
        return r.parallelToolCalls() != null;
      case "previous_response_id":
        return r.previousResponseId() != null;
      case "store":
        return r.store() != null;
      case "tools":
        return r.tools() != null;
      case "tool_choice":
        return r.toolChoice() != null;
      case "usage":
        return r.usage() != null;
      case "metadata":
        return r.metadata() != null;
      default:
        return false;
    }
  }

  static void writeUsage(JsonGenerator g, Usage u) throws IOException {
    g.writeStartObject();
    g.writeNumberField("input_tokens", u.inputTokens());
    if (u.inputTokensDetails() != null) {
      g.writeFieldName("input_tokens_details");
      JsonWriting.longMap(g, u.inputTokensDetails());
    }
    g.writeNumberField("output_tokens", u.outputTokens());
    if (u.outputTokensDetails() != null) {
      g.writeFieldName("output_tokens_details");
      JsonWriting.longMap(g, u.outputTokensDetails());
    }
    g.writeNumberField("total_tokens", u.totalTokens());
    JsonWriting.extras(
        g,
        u.extras(),
        key ->
            switch (key) {
              case "input_tokens", "output_tokens", "total_tokens" -> true;
              case "input_tokens_details" -> u.inputTokensDetails() != null;
              case "output_tokens_details" -> u.outputTokensDetails() != null;
              default -> false;
            });
    g.writeEndObject();
  }
}
