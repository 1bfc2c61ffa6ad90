package io.agentchannel.sim.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.codec.WireCodec;
import io.agentchannel.model.EventMeta;
import io.agentchannel.model.FunctionCallItem;
import io.agentchannel.model.Item;
import io.agentchannel.model.Response;
import io.agentchannel.model.ServerEvent;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON payload of a server event, exactly as {@link WireCodec#writeEvent} writes it, made with
 * less work where a turn spends most of it.
 *
 * <p>Text and function-call argument deltas are most of a turn's events and each is tiny, so a JSON
 * generator per delta (its context, buffers and writer) costs more than the delta's text. They are
 * appended to a string directly instead. The shortcut covers only what it can write exactly as the
 * codec would: no extras but {@code "logprobs":[]}, and strings that need no escaping beyond {@code
 * \"} and {@code \\}. Anything else (a control character, other extras) goes through the codec.
 *
 * <p>A function call's other events ({@code output_item.added}, {@code
 * function_call_arguments.done}, {@code output_item.done}) are small and flat too, and are appended
 * the same way, under the same conditions.
 *
 * <p>{@code response.created} and {@code response.in_progress} carry the same Response object,
 * which is written once for both.
 *
 * <p>One instance per output; not thread-safe.
 */
public final class EventJson {

  private static final WireCodec CODEC = WireCodec.shared();

  /** The Response of the latest {@code response.created}, until the next lifecycle event. */
  private Response created;

  private String createdJson;

  /** The latest item's {@link #middle} and what it was made of. */
  private String middle;

  private String middleType;
  private String middleStreamId;
  private String middleItemId;
  private int middleOutputIndex;
  private int middleContentIndex;

  /** The event's JSON, as the codec writes it. */
  public String write(ServerEvent event) {
    String json = delta(event);
    if (json == null) {
      json = functionCall(event);
    }
    if (json == null) {
      json = lifecycle(event);
    }
    return json != null ? json : CODEC.writeEvent(event);
  }

  /**
   * The JSON of the other events of a function call ({@code output_item.added} and {@code
   * output_item.done} of a {@code function_call} item, {@code function_call_arguments.done}), or
   * {@code null} for other events and for anything with extras or absent fields.
   */
  String functionCall(ServerEvent event) {
    EventMeta meta = event.meta();
    if (!meta.hasSequenceNumber() || !meta.extras().isEmpty()) {
      return null;
    }
    StringBuilder json;
    if (event instanceof ServerEvent.FunctionCallArgumentsDone d) {
      if (d.itemId() == null || d.name() == null || d.arguments() == null) {
        return null;
      }
      json = envelope(event, 160 + d.arguments().length());
      if (json == null || !appendField(json, "item_id", d.itemId())) {
        return null;
      }
      json.append(",\"output_index\":").append(d.outputIndex());
      if (!appendField(json, "name", d.name()) || !appendField(json, "arguments", d.arguments())) {
        return null;
      }
      return json.append('}').toString();
    }
    int outputIndex;
    Item item;
    if (event instanceof ServerEvent.OutputItemAdded a) {
      outputIndex = a.outputIndex();
      item = a.item();
    } else if (event instanceof ServerEvent.OutputItemDone d) {
      outputIndex = d.outputIndex();
      item = d.item();
    } else {
      return null;
    }
    if (!(item instanceof FunctionCallItem call)
        || call.id() == null
        || call.status() == null
        || !call.extras().isEmpty()) {
      return null;
    }
    json = envelope(event, 256 + call.arguments().length());
    if (json == null) {
      return null;
    }
    json.append(",\"output_index\":")
        .append(outputIndex)
        .append(",\"item\":{\"type\":\"")
        .append(FunctionCallItem.TYPE)
        .append('"');
    if (!appendField(json, "id", call.id())
        || !appendField(json, "call_id", call.callId())
        || !appendField(json, "name", call.name())
        || !appendField(json, "arguments", call.arguments())
        || !appendField(json, "status", call.status())) {
      return null;
    }
    return json.append("}}").toString();
  }

  /** {@code {"type":…,"sequence_number":…} and the {@code stream_id}, if any, left open. */
  private static StringBuilder envelope(ServerEvent event, int capacity) {
    StringBuilder json = new StringBuilder(capacity);
    json.append("{\"type\":\"")
        .append(event.type())
        .append("\",\"sequence_number\":")
        .append(event.meta().sequenceNumber());
    String streamId = event.meta().streamId();
    if (streamId != null && !appendField(json, "stream_id", streamId)) {
      return null;
    }
    return json;
  }

  /** {@code ,"name":"value"}; {@code false} when the value needs the codec. */
  private static boolean appendField(StringBuilder json, String name, String value) {
    json.append(",\"").append(name).append("\":");
    return appendString(json, value);
  }

  /**
   * A lifecycle event's JSON, its Response written once for {@code response.created} and the {@code
   * response.in_progress} after it; {@code null} for other events and events with extras.
   */
  String lifecycle(ServerEvent event) {
    if (!(event instanceof ServerEvent.Lifecycle lifecycle)) {
      return null;
    }
    EventMeta meta = event.meta();
    if (!meta.hasSequenceNumber() || !meta.extras().isEmpty()) {
      created = null;
      createdJson = null;
      return null;
    }
    Response response = lifecycle.response();
    String body = response == created ? createdJson : CODEC.writeResponse(response);
    // Kept only until the next lifecycle event: a connection never holds on to a final response.
    boolean keep = event instanceof ServerEvent.ResponseCreated;
    created = keep ? response : null;
    createdJson = keep ? body : null;
    StringBuilder json = new StringBuilder(body.length() + 96);
    json.append("{\"type\":\"")
        .append(event.type())
        .append("\",\"sequence_number\":")
        .append(meta.sequenceNumber());
    if (meta.streamId() != null) {
      json.append(",\"stream_id\":");
      if (!appendString(json, meta.streamId())) {
        return null;
      }
    }
    return json.append(",\"response\":").append(body).append('}').toString();
  }

  /** A delta event's JSON, or {@code null} when the shortcut does not cover it. */
  String delta(ServerEvent event) {
    String itemId;
    int outputIndex;
    int contentIndex = 0;
    String delta;
    if (event instanceof ServerEvent.OutputTextDelta d) {
      itemId = d.itemId();
      outputIndex = d.outputIndex();
      contentIndex = d.contentIndex();
      delta = d.delta();
    } else if (event instanceof ServerEvent.FunctionCallArgumentsDelta d) {
      itemId = d.itemId();
      outputIndex = d.outputIndex();
      delta = d.delta();
    } else {
      return null;
    }
    EventMeta meta = event.meta();
    if (!meta.hasSequenceNumber() || itemId == null || delta == null) {
      return null;
    }
    boolean logprobs = false;
    Map<String, JsonNode> extras = meta.extras();
    if (!extras.isEmpty()) {
      JsonNode value = extras.get("logprobs");
      if (extras.size() != 1 || value == null || !value.isArray() || !value.isEmpty()) {
        return null;
      }
      logprobs = true;
    }
    String middle = middle(event.type(), meta.streamId(), itemId, outputIndex, contentIndex);
    if (middle == null) {
      return null;
    }
    StringBuilder json = new StringBuilder(middle.length() + delta.length() + 96);
    json.append("{\"type\":\"")
        .append(event.type())
        .append("\",\"sequence_number\":")
        .append(meta.sequenceNumber())
        .append(middle);
    if (!appendString(json, delta)) {
      return null;
    }
    if (logprobs) {
      json.append(",\"logprobs\":[]");
    }
    return json.append('}').toString();
  }

  /**
   * The part of a delta from {@code stream_id} to {@code "delta":}, the same for every delta of an
   * item and so made once per item; {@code null} when an id would need the codec.
   */
  private String middle(
      String type, String streamId, String itemId, int outputIndex, int contentIndex) {
    if (middle != null
        && type.equals(middleType)
        && Objects.equals(streamId, middleStreamId)
        && itemId.equals(middleItemId)
        && outputIndex == middleOutputIndex
        && contentIndex == middleContentIndex) {
      return middle;
    }
    StringBuilder json = new StringBuilder(96);
    if (streamId != null) {
      json.append(",\"stream_id\":");
      if (!appendString(json, streamId)) {
        return null;
      }
    }
    json.append(",\"item_id\":");
    if (!appendString(json, itemId)) {
      return null;
    }
    json.append(",\"output_index\":").append(outputIndex);
    if (type.equals(ServerEvent.OutputTextDelta.TYPE)) {
      json.append(",\"content_index\":").append(contentIndex);
    }
    json.append(",\"delta\":");
    middleType = type;
    middleStreamId = streamId;
    middleItemId = itemId;
    middleOutputIndex = outputIndex;
    middleContentIndex = contentIndex;
    middle = json.toString();
    return middle;
  }

  /**
   * Appends {@code value} as a JSON string; {@code false} when it holds a control character, whose
   * escape is left to the codec so that the output stays byte for byte the codec's.
   */
  private static boolean appendString(StringBuilder json, String value) {
    int n = value.length();
    boolean plain = true;
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20) {
        return false;
      }
      if (c == '"' || c == '\\') {
        plain = false;
      }
    }
    json.append('"');
    if (plain) {
      json.append(value);
    } else {
      for (int i = 0; i < n; i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          json.append('\\');
        }
        json.append(c);
      }
    }
    json.append('"');
    return true;
  }
}
