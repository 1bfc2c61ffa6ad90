package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * One part of a message's content or of a reasoning summary: {@code input_text}, {@code
 * output_text}, {@code summary_text}, {@code refusal}, {@code input_image}, ...
 *
 * @param type the part type, never {@code null}
 * @param text the text for text-like parts ({@code refusal} parts carry theirs in {@code refusal},
 *     which is kept here too), or {@code null} for parts without text
 * @param extras every other field as read ({@code annotations}, {@code logprobs}, {@code
 *     image_url}, ...), kept so it is written back unchanged
 */
public record ContentPart(String type, String text, Map<String, JsonNode> extras) {

  public static final String INPUT_TEXT = "input_text";
  public static final String OUTPUT_TEXT = "output_text";
  public static final String SUMMARY_TEXT = "summary_text";
  public static final String REFUSAL = "refusal";

  public ContentPart {
    Objects.requireNonNull(type, "type");
    extras = Frozen.map(extras);
  }

  public static ContentPart inputText(String text) {
    return new ContentPart(INPUT_TEXT, text, Map.of());
  }

  public static ContentPart outputText(String text) {
    return new ContentPart(OUTPUT_TEXT, text, Map.of());
  }

  public static ContentPart summaryText(String text) {
    return new ContentPart(SUMMARY_TEXT, text, Map.of());
  }

  /** The field that carries this part's text on the wire: {@code refusal} or {@code text}. */
  public String textField() {
    return REFUSAL.equals(type) ? "refusal" : "text";
  }
}
