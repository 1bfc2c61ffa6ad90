package io.agentchannel.conversation;

/** Why a turn used its {@link ContextMode}. */
public enum ContextReason {
  /** The first turn of the conversation: there is nothing to continue from. */
  FIRST_TURN,
  /** A non-input field (model, instructions, tools, ...) differs from the previous turn's. */
  SETTINGS_CHANGED,
  /** Every non-input field is unchanged and the server holds the previous response. */
  CONTINUATION,
  /** The first turn continues from the warm-up ({@code generate:false}) response. */
  WARMED_UP,
  /**
   * {@code store:false} on a transport without {@code CONNECTION_LOCAL_STATE}: the server keeps
   * nothing to continue from.
   */
  NO_SERVER_STATE,
  /**
   * {@code store:false} and the conversation moved to a new connection (rotation, a drop, the
   * connection limit): the old connection's state is gone.
   */
  NEW_CONNECTION,
  /** The server answered {@code previous_response_not_found}: the full context was resent once. */
  PREVIOUS_RESPONSE_NOT_FOUND
}
