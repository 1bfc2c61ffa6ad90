package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.internal.EventKind.Field;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * Writes server events: {@code type}, {@code sequence_number} (when the event has one), {@code
 * stream_id} (when on a named lane), the event's fields, then its extras in their order. Stateless
 * and thread-safe.
 *
 * <p>An {@link ServerEvent.Unknown} is written as the text it was read from when its metadata still
 * agrees with that text; otherwise the text is re-written with the metadata's {@code
 * sequence_number} and {@code stream_id} (and any extras it lacks).
 */
public final class EventWriter {

  private EventWriter() {}

  public static String write(WireJson json, ServerEvent event) {
    if (event instanceof ServerEvent.Unknown u) {
      ObjectNode patched = patchedUnknown(json, u);
      if (patched == null) {
        return u.json();
      }
      return JsonWriting.asString(json, g -> JsonWriting.node(g, patched));
    }
    return JsonWriting.asString(json, g -> write(g, event));
  }

  public static void write(WireJson json, ServerEvent event, Writer out) {
    if (event instanceof ServerEvent.Unknown u) {
      ObjectNode patched = patchedUnknown(json, u);
      if (patched == null) {
        try {
          out.write(u.json());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return;
      }
      JsonWriting.to(json, out, g -> JsonWriting.node(g, patched));
      return;
    }
    JsonWriting.to(json, out, g -> write(g, event));
  }

  static void write(JsonGenerator g, ServerEvent e) throws IOException {
    g.writeStartObject();
    g.writeStringField("type", e.type());
    EventMeta meta = e.meta();
    int written = 0;
    if (meta.hasSequenceNumber()) {
      g.writeNumberField("sequence_number", meta.sequenceNumber());
      written |= Field.SEQUENCE_NUMBER;
    }
    if (meta.streamId() != null) {
      g.writeStringField("stream_id", meta.streamId());
      written |= Field.STREAM_ID;
    }
    written |= body(g, e);
    Map<String, JsonNode> extras = meta.extras();
    if (!extras.isEmpty()) {
      for (Map.Entry<String, JsonNode> x : extras.entrySet()) {
        // A typed value wins over an extra of the same name.
        int id = Field.of(x.getKey());
        if (id != Field.TYPE && (id & written) == 0) {
          g.writeFieldName(x.getKey());
          JsonWriting.node(g, x.getValue());
        }
      }
    }
    g.writeEndObject();
  }

  /** Writes the event's own fields; returns their ids. Ordered by how often events occur. */
  private static int body(JsonGenerator g, ServerEvent e) throws IOException {
    if (e instanceof ServerEvent.OutputTextDelta d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.DELTA, "delta", d.delta());
    }
    if (e instanceof ServerEvent.FunctionCallArgumentsDelta d) {
      return inItem(g, d.itemId(), d.outputIndex()) | string(g, Field.DELTA, "delta", d.delta());
    }
    if (e instanceof ServerEvent.ReasoningSummaryTextDelta d) {
      return summary(g, d.itemId(), d.outputIndex(), d.summaryIndex())
          | string(g, Field.DELTA, "delta", d.delta());
    }
    if (e instanceof ServerEvent.ReasoningTextDelta d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.DELTA, "delta", d.delta());
    }
    if (e instanceof ServerEvent.RefusalDelta d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.DELTA, "delta", d.delta());
    }
    if (e instanceof ServerEvent.Lifecycle l) {
      g.writeFieldName("response");
      ResponseCodec.write(g, l.response());
      return Field.RESPONSE;
    }
    if (e instanceof ServerEvent.OutputItemAdded a) {
      return item(g, a.outputIndex(), a);
    }
    if (e instanceof ServerEvent.OutputItemDone d) {
      return item(g, d.outputIndex(), d);
    }
    if (e instanceof ServerEvent.ContentPartAdded a) {
      int ids = content(g, a.itemId(), a.outputIndex(), a.contentIndex());
      g.writeFieldName("part");
      PartCodec.write(g, a.part());
      return ids | Field.PART;
    }
    if (e instanceof ServerEvent.ContentPartDone d) {
      int ids = content(g, d.itemId(), d.outputIndex(), d.contentIndex());
      g.writeFieldName("part");
      PartCodec.write(g, d.part());
      return ids | Field.PART;
    }
    if (e instanceof ServerEvent.OutputTextDone d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.TEXT, "text", d.text());
    }
    if (e instanceof ServerEvent.RefusalDone d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.REFUSAL, "refusal", d.refusal());
    }
    if (e instanceof ServerEvent.FunctionCallArgumentsDone d) {
      int ids = inItem(g, d.itemId(), d.outputIndex());
      if (d.name() != null) {
        ids |= string(g, Field.NAME, "name", d.name());
      }
      return ids | string(g, Field.ARGUMENTS, "arguments", d.arguments());
    }
    if (e instanceof ServerEvent.ReasoningSummaryPartAdded a) {
      int ids = summary(g, a.itemId(), a.outputIndex(), a.summaryIndex());
      g.writeFieldName("part");
      PartCodec.write(g, a.part());
      return ids | Field.PART;
    }
    if (e instanceof ServerEvent.ReasoningSummaryPartDone d) {
      int ids = summary(g, d.itemId(), d.outputIndex(), d.summaryIndex());
      g.writeFieldName("part");
      PartCodec.write(g, d.part());
      return ids | Field.PART;
    }
    if (e instanceof ServerEvent.ReasoningSummaryTextDone d) {
      return summary(g, d.itemId(), d.outputIndex(), d.summaryIndex())
          | string(g, Field.TEXT, "text", d.text());
    }
    if (e instanceof ServerEvent.ReasoningTextDone d) {
      return content(g, d.itemId(), d.outputIndex(), d.contentIndex())
          | string(g, Field.TEXT, "text", d.text());
    }
    if (e instanceof ServerEvent.Error err) {
      return error(g, err);
    }
    throw new IllegalArgumentException("cannot write event " + e.getClass().getName());
  }

  private static int string(JsonGenerator g, int id, String key, String value) throws IOException {
    g.writeStringField(key, value);
    return id;
  }

  private static int inItem(JsonGenerator g, String itemId, int outputIndex) throws IOException {
    g.writeStringField("item_id", itemId);
    g.writeNumberField("output_index", outputIndex);
    return Field.IN_ITEM;
  }

  private static int content(JsonGenerator g, String itemId, int outputIndex, int contentIndex)
      throws IOException {
    inItem(g, itemId, outputIndex);
    g.writeNumberField("content_index", contentIndex);
    return Field.CONTENT_AT;
  }

  private static int summary(JsonGenerator g, String itemId, int outputIndex, int summaryIndex)
      throws IOException {
    inItem(g, itemId, outputIndex);
    g.writeNumberField("summary_index", summaryIndex);
    return Field.SUMMARY_AT;
  }

  private static int item(JsonGenerator g, int outputIndex, ServerEvent e) throws IOException {
    g.writeNumberField("output_index", outputIndex);
    g.writeFieldName("item");
    ItemWriter.write(
        g,
        e instanceof ServerEvent.OutputItemAdded a
            ? a.item()
            : ((ServerEvent.OutputItemDone) e).item());
    return Field.ITEM_AT;
  }

  private static int error(JsonGenerator g, ServerEvent.Error e) throws IOException {
    if (e.shape() == ServerEvent.ErrorShape.NESTED) {
      int ids = Field.ERROR;
      if (e.status() != null) {
        g.writeNumberField("status", e.status());
        ids |= Field.STATUS;
      }
      g.writeFieldName("error");
      ErrorCodec.writeNested(g, e.error());
      return ids;
    }
    // The SSE schema requires all three, nullable.
    JsonWriting.string(g, "code", e.error().code());
    JsonWriting.string(g, "message", e.error().message());
    JsonWriting.string(g, "param", e.error().param());
    return Field.CODE | Field.MESSAGE | Field.PARAM;
  }

  /**
   * The unknown event's JSON re-written to agree with its record, or {@code null} when the text
   * already agrees and can go out as it is.
   */
  private static ObjectNode patchedUnknown(WireJson json, ServerEvent.Unknown u) {
    JsonNode tree;
    try {
      tree = json.mapper().readTree(u.json());
    } catch (IOException e) {
      throw new IllegalArgumentException("Unknown event json is not valid JSON", e);
    }
    if (!(tree instanceof ObjectNode node)) {
      throw new IllegalArgumentException("Unknown event json is not a JSON object");
    }
    EventMeta meta = u.meta();
    JsonNode type = node.get("type");
    JsonNode seq = node.get("sequence_number");
    JsonNode sid = node.get("stream_id");
    boolean typeAgrees = type != null && u.type().equals(type.textValue());
    boolean seqAgrees =
        meta.hasSequenceNumber()
            ? seq != null
                && seq.canConvertToExactIntegral()
                && seq.asLong() == meta.sequenceNumber()
            : seq == null || !seq.canConvertToExactIntegral();
    boolean sidAgrees =
        meta.streamId() == null
            ? sid == null || !sid.isTextual()
            : sid != null && meta.streamId().equals(sid.textValue());
    boolean extrasPresent = true;
    for (String key : meta.extras().keySet()) {
      extrasPresent &= node.has(key);
    }
    if (typeAgrees && seqAgrees && sidAgrees && extrasPresent) {
      return null;
    }
    ObjectNode out = JsonReading.NODES.objectNode();
    out.put("type", u.type());
    if (meta.hasSequenceNumber()) {
      out.put("sequence_number", meta.sequenceNumber());
    }
    if (meta.streamId() != null) {
      out.put("stream_id", meta.streamId());
    }
    node.properties()
        .forEach(
            f -> {
              String key = f.getKey();
              if (!key.equals("type")
                  && !key.equals("sequence_number")
                  && !key.equals("stream_id")) {
                out.set(key, f.getValue());
              }
            });
    meta.extras().forEach(out::putIfAbsent);
    return out;
  }
}
