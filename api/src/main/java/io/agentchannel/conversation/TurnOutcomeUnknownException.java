package io.agentchannel.conversation;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;

/**
 * A turn's request may have reached the server, and the connection dropped or a deadline passed
 * before its outcome was known, so the conversation did not replay it: replaying could run the
 * request twice on the server. {@link #getCause()} is the failure that ended the attempt.
 *
 * <p>The conversation stays usable: its transcript holds every completed turn, and a later {@link
 * Conversation#send} starts from there. Set {@link
 * ConversationOptions.Builder#replayWhenOutcomeUnknown(boolean)} when re-issuing such a turn is
 * acceptable (the agent loop does, since its tools run at most once per {@code call_id} anyway).
 */
public final class TurnOutcomeUnknownException extends ConnectionException {

  private static final long serialVersionUID = 1L;

  private final int turn;

  public TurnOutcomeUnknownException(int turn, AgentChannelException cause) {
    super(
        "turn "
            + turn
            + " may have reached the server and its outcome is unknown; it was not replayed: "
            + cause.getMessage(),
        true,
        cause);
    this.turn = turn;
  }

  /** The index of the turn that was not replayed. */
  public int turn() {
    return turn;
  }
}
