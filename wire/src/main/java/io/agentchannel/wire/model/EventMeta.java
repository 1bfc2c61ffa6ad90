package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What every server event carries besides its payload.
 *
 * @param sequenceNumber the event's {@code sequence_number} (from 0 per response), or {@link
 *     #NO_SEQUENCE} when absent (only WebSocket error frames may omit it)
 * @param streamId the WebSocket lane ({@code stream_id}), or {@code null} for the default lane and
 *     for SSE
 * @param extras every field of the event the model does not type ({@code obfuscation}, {@code
 *     logprobs}, ...), kept so it is written back unchanged
 */
public record EventMeta(long sequenceNumber, String streamId, Map<String, JsonNode> extras) {

  /** The {@link #sequenceNumber()} of an event that carries none. */
  public static final long NO_SEQUENCE = -1;

  public EventMeta {
    if (sequenceNumber < NO_SEQUENCE) {
      throw new IllegalArgumentException("sequence_number must be >= 0: " + sequenceNumber);
    }
    extras = Frozen.map(extras);
  }

  /** An event on the default lane with no extra fields. */
  public static EventMeta of(long sequenceNumber) {
    return new EventMeta(sequenceNumber, null, Map.of());
  }

  /** The same metadata on another lane ({@code null} for the default lane). */
  public EventMeta withStreamId(String streamId) {
    return new EventMeta(sequenceNumber, streamId, extras);
  }

  public boolean hasSequenceNumber() {
    return sequenceNumber != NO_SEQUENCE;
  }
}
