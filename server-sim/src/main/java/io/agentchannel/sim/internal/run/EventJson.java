package io.agentchannel.sim.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
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
 * <p>An item's other events ({@code output_item.added} and {@code output_item.done} of a function
 * call or a message, {@code function_call_arguments.done}, the content parts, {@code
 * output_text.done}) are small too, and are appended the same way, under the same conditions: only
 * extras that are empty arrays, no absent field.
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
      json = itemEvent(event);
    }
    if (json == null) {
      json = lifecycle(event);
    }
    return json != null ? json : CODEC.writeEvent(event);
  }

  /**
   * The JSON of an item's other small events: {@code output_item.added} and {@code
   * output_item.done} of a {@code function_call} or {@code message} item, {@code
   * function_call_arguments.done}, {@code content_part.added}, {@code content_part.done} and {@code
   * output_text.done}; {@code null} for other events, and for anything with extras other than empty
   * arrays or with absent fields.
   */
  String itemEvent(ServerEvent event) {
    EventMeta meta = event.meta();
    if (!meta.hasSequenceNumber()) {
      return null;
    }
    if (event instanceof ServerEvent.OutputTextDone d) {
      // Like a delta's: only "logprobs":[] among the event's own extras.
      boolean logprobs = !meta.extras().isEmpty();
      if (logprobs && !onlyEmptyLogprobs(meta.extras()) || d.itemId() == null || d.text() == null) {
        return null;
      }
      StringBuilder json = envelope(event, 160 + d.text().length());
      if (json == null
          || !appendContentAt(json, d.itemId(), d.outputIndex(), d.contentIndex())
          || !appendField(json, "text", d.text())) {
        return null;
      }
      if (logprobs) {
        json.append(",\"logprobs\":[]");
      }
      return json.append('}').toString();
    }
    if (!meta.extras().isEmpty()) {
      return null;
    }
    if (event instanceof ServerEvent.FunctionCallArgumentsDone d) {
      if (d.itemId() == null || d.name() == null || d.arguments() == null) {
        return null;
      }
      StringBuilder json = envelope(event, 160 + d.arguments().length());
      if (json == null || !appendField(json, "item_id", d.itemId())) {
        return null;
      }
      json.append(",\"output_index\":").append(d.outputIndex());
      if (!appendField(json, "name", d.name()) || !appendField(json, "arguments", d.arguments())) {
        return null;
      }
      return json.append('}').toString();
    }
    if (event instanceof ServerEvent.ContentPartAdded a) {
      return contentPart(event, a.itemId(), a.outputIndex(), a.contentIndex(), a.part());
    }
    if (event instanceof ServerEvent.ContentPartDone d) {
      return contentPart(event, d.itemId(), d.outputIndex(), d.contentIndex(), d.part());
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
    StringBuilder json = envelope(event, 512);
    if (json == null) {
      return null;
    }
    json.append(",\"output_index\":").append(outputIndex).append(",\"item\":");
    if (!appendItem(json, item)) {
      return null;
    }
    return json.append('}').toString();
  }

  private static String contentPart(
      ServerEvent event, String itemId, int outputIndex, int contentIndex, ContentPart part) {
    if (itemId == null) {
      return null;
    }
    StringBuilder json = envelope(event, 256);
    if (json == null || !appendContentAt(json, itemId, outputIndex, contentIndex)) {
      return null;
    }
    json.append(",\"part\":");
    if (!appendPart(json, part)) {
      return null;
    }
    return json.append('}').toString();
  }

  /** A {@code function_call} or {@code message} item; {@code false} for anything else. */
  private static boolean appendItem(StringBuilder json, Item item) {
    if (item instanceof FunctionCallItem call) {
      if (call.id() == null || call.status() == null || !call.extras().isEmpty()) {
        return false;
      }
      json.append("{\"type\":\"").append(FunctionCallItem.TYPE).append('"');
      if (!appendField(json, "id", call.id())
          || !appendField(json, "call_id", call.callId())
          || !appendField(json, "name", call.name())
          || !appendField(json, "arguments", call.arguments())
          || !appendField(json, "status", call.status())) {
        return false;
      }
      json.append('}');
      return true;
    }
    if (item instanceof MessageItem message) {
      if (message.id() == null || message.status() == null || !message.extras().isEmpty()) {
        return false;
      }
      json.append("{\"type\":\"").append(MessageItem.TYPE).append('"');
      if (!appendField(json, "id", message.id())
          || !appendField(json, "status", message.status())
          || !appendField(json, "role", message.role())) {
        return false;
      }
      json.append(",\"content\":[");
      List<ContentPart> parts = message.content();
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0) {
          json.append(',');
        }
        if (!appendPart(json, parts.get(i))) {
          return false;
        }
      }
      json.append("]}");
      return true;
    }
    return false;
  }

  /** A content part with its text and empty-array extras; {@code false} for anything else. */
  private static boolean appendPart(StringBuilder json, ContentPart part) {
    String textField = part.textField();
    if (part.text() == null) {
      return false;
    }
    json.append("{\"type\":");
    if (!appendString(json, part.type()) || !appendField(json, textField, part.text())) {
      return false;
    }
    for (Map.Entry<String, JsonNode> extra : part.extras().entrySet()) {
      String key = extra.getKey();
      if (key.equals("type") || key.equals(textField)) {
        continue;
      }
      JsonNode value = extra.getValue();
      if (!value.isArray() || !value.isEmpty()) {
        return false;
      }
      json.append(',');
      if (!appendString(json, key)) {
        return false;
      }
      json.append(":[]");
    }
    json.append('}');
    return true;
  }

  private static boolean appendContentAt(
      StringBuilder json, String itemId, int outputIndex, int contentIndex) {
    if (!appendField(json, "item_id", itemId)) {
      return false;
    }
    json.append(",\"output_index\":").append(outputIndex);
    json.append(",\"content_index\":").append(contentIndex);
    return true;
  }

  private static boolean onlyEmptyLogprobs(Map<String, JsonNode> extras) {
    JsonNode value = extras.get("logprobs");
    return extras.size() == 1 && value != null && value.isArray() && value.isEmpty();
  }

  /**
   * {@code {"type":…,"sequence_number":…} and the {@code stream_id}, if any, with the object left
   * open; {@code null} when the lane needs the codec.
   */
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
    StringBuilder json = envelope(event, body.length() + 96);
    if (json == null) {
      return null;
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
    boolean logprobs = !meta.extras().isEmpty();
    if (logprobs && !onlyEmptyLogprobs(meta.extras())) {
      return null;
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
