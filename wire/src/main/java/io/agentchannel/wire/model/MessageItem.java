package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message: user or developer input, or an assistant answer.
 *
 * <p>The wire also allows {@code content} as a plain string (and {@code type} left out); the codec
 * reads that as one {@code input_text} part (or {@code output_text} for the assistant), which the
 * service treats the same, and always writes the array form.
 *
 * @param id the item id, or {@code null} (input messages usually have none)
 * @param role {@code user}, {@code assistant}, {@code system} or {@code developer}
 * @param status {@code in_progress}, {@code completed}, ... or {@code null}
 * @param content the parts, never {@code null}
 * @param extras every other field as read
 */
public record MessageItem(
    String id, String role, String status, List<ContentPart> content, Map<String, JsonNode> extras)
    implements Item {

  public static final String TYPE = "message";

  public MessageItem {
    Objects.requireNonNull(role, "role");
    content = Frozen.list(content);
    extras = Frozen.map(extras);
  }

  /** A user message with one {@code input_text} part. */
  public static MessageItem user(String text) {
    return new MessageItem(null, "user", null, List.of(ContentPart.inputText(text)), Map.of());
  }

  /** A developer message with one {@code input_text} part. */
  public static MessageItem developer(String text) {
    return new MessageItem(null, "developer", null, List.of(ContentPart.inputText(text)), Map.of());
  }

  /** A completed assistant message with one {@code output_text} part. */
  public static MessageItem assistant(String id, String text) {
    return new MessageItem(
        id, "assistant", "completed", List.of(ContentPart.outputText(text)), Map.of());
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The concatenated text of every text part. */
  public String text() {
    if (content.size() == 1) {
      String only = content.get(0).text();
      return only == null ? "" : only;
    }
    StringBuilder text = new StringBuilder();
    for (ContentPart part : content) {
      if (part.text() != null) {
        text.append(part.text());
      }
    }
    return text.toString();
  }
}
