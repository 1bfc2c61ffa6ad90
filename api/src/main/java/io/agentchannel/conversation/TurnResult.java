package io.agentchannel.conversation;

import io.agentchannel.wire.model.Response;
import java.util.Objects;

/**
 * The outcome of one {@link Conversation#send} turn.
 *
 * @param response the final response of the turn
 * @param record how the turn went
 */
public record TurnResult(Response response, TurnRecord record) {

  public TurnResult {
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(record, "record");
  }
}
