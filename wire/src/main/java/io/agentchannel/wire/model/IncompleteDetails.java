package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Why a response ended {@code incomplete}.
 *
 * @param reason {@code max_output_tokens}, {@code content_filter} or {@code steered}
 * @param extras every other key of the object as read, written back unchanged
 */
public record IncompleteDetails(String reason, Map<String, JsonNode> extras) {

  public IncompleteDetails {
    extras = Frozen.map(extras);
  }

  /** Details with a reason only, as the service sends them today. */
  public IncompleteDetails(String reason) {
    this(reason, Map.of());
  }
}
