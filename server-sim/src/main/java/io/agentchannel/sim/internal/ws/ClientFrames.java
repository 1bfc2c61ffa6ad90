package io.agentchannel.sim.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.internal.refusal.SimError;
import java.util.regex.Pattern;

/**
 * What the simulator makes of a client frame it cannot run: the error it answers with, the lane id
 * it may still echo, the answer to a steering request, and the size check. Stateless.
 */
final class ClientFrames {

  private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
  private static final ObjectMapper TREE = new ObjectMapper();

  private ClientFrames() {}

  /** Whether {@code id} is a valid {@code stream_id}: 1 to 256 letters, digits, {@code _.-}. */
  static boolean isValidStreamId(String id) {
    return STREAM_ID.matcher(id).matches();
  }

  /** Whether the codec refused the frame for being some other client event than a create. */
  static boolean isOtherEvent(ProtocolViolationException e) {
    // The codec names the field "type" when the frame is some other client event.
    return e.eventType() != null
        && !e.eventType().equals("response.create")
        && (e.field() == null || e.field().equals("type"));
  }

  /** The error an unreadable frame gets: the unknown event type, or the field at fault. */
  static SimError problemOf(ProtocolViolationException e) {
    if (isOtherEvent(e)) {
      return SimError.invalidRequest(
          "invalid_value",
          "Invalid value: '" + e.eventType() + "'. Supported values are: 'response.create'.",
          "type");
    }
    if (e.field() == null) {
      return SimError.invalidRequest(
          null, "The message is not a valid JSON client event: " + e.getMessage(), null);
    }
    return SimError.invalidRequest(
        "invalid_value", "Invalid '" + e.field() + "': " + e.getMessage(), e.field());
  }

  /**
   * The simulated models cannot be steered: a {@code response.steer} is answered as the service
   * answers it for such models, with {@code response.steer.failed}.
   */
  static String steeringNotSupported(String frame) {
    JsonNode tree = treeOf(frame);
    String previous = tree == null ? null : tree.path("previous_response_id").asText(null);
    StringBuilder json =
        new StringBuilder("{\"type\":\"response.steer.failed\",\"sequence_number\":0,\"steer\":{");
    json.append("\"previous_response_id\":").append(TREE.valueToTree(previous).toString());
    json.append(",\"input\":").append(tree == null ? "null" : tree.path("input").toString());
    json.append(
        "},\"error\":{\"type\":\"invalid_request_error\",\"code\":\"steering_not_supported\","
            + "\"message\":\"Steering is not supported for this model.\"}}");
    return json.toString();
  }

  /** The frame's {@code stream_id} when it has a valid one, so that its error can name its lane. */
  static String streamIdOf(String frame) {
    JsonNode tree = treeOf(frame);
    JsonNode id = tree == null ? null : tree.get("stream_id");
    return id != null && id.isTextual() && isValidStreamId(id.asText()) ? id.asText() : null;
  }

  /** Whether the frame's UTF-8 encoding is longer than {@code limit} bytes, without encoding it. */
  static boolean utf8LengthExceeds(String text, int limit) {
    if (text.length() > limit) {
      return true;
    }
    if ((long) text.length() * 3 <= limit) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > limit;
  }

  private static JsonNode treeOf(String frame) {
    try {
      JsonNode tree = TREE.readTree(frame);
      return tree != null && tree.isObject() ? tree : null;
    } catch (Exception e) {
      return null;
    }
  }
}
