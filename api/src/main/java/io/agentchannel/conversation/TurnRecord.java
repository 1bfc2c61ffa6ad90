package io.agentchannel.conversation;

import java.util.Objects;

/**
 * What one turn of a {@link Conversation} did: how its input went to the server and why, which
 * response answered it, how many attempts it took and where the time went.
 *
 * @param index the turn's position in the conversation, from 0
 * @param mode how the input went in the attempt that succeeded
 * @param reason why that mode was used
 * @param responseId the id of the response that answered the turn
 * @param itemsSent how many input items the successful attempt sent
 * @param attempts how many requests the turn took (1 when nothing was retried)
 * @param transportId the transport that carried the successful attempt
 * @param timings where the time went
 */
public record TurnRecord(
    int index,
    ContextMode mode,
    ContextReason reason,
    String responseId,
    int itemsSent,
    int attempts,
    String transportId,
    TurnTimings timings) {

  public TurnRecord {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(responseId, "responseId");
    Objects.requireNonNull(transportId, "transportId");
    Objects.requireNonNull(timings, "timings");
  }

  /** This record with the tool time the agent loop measured after the turn. */
  public TurnRecord withTimings(TurnTimings timings) {
    return new TurnRecord(
        index, mode, reason, responseId, itemsSent, attempts, transportId, timings);
  }
}
