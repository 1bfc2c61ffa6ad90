package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The model's reasoning. Stateless clients ({@code store:false} over HTTP) replay it with its
 * {@code encrypted_content}, which they get by asking for {@code reasoning.encrypted_content} in
 * {@code include}.
 *
 * @param id the item id ({@code rs_…}), or {@code null}
 * @param summary the summary parts ({@code summary_text}), never {@code null}
 * @param encryptedContent the opaque reasoning state, or {@code null}
 * @param status the status, or {@code null}
 * @param extras every other field as read ({@code content}, ...)
 */
public record ReasoningItem(
    String id,
    List<ContentPart> summary,
    String encryptedContent,
    String status,
    Map<String, JsonNode> extras)
    implements Item {

  public static final String TYPE = "reasoning";

  public ReasoningItem {
    summary = Frozen.list(summary);
    extras = Frozen.map(extras);
  }

  @Override
  public String type() {
    return TYPE;
  }
}
