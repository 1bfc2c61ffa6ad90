package io.agentchannel.conversation;

/** How a turn's input went to the server. */
public enum ContextMode {
  /** Only the new items, continuing with {@code previous_response_id}. */
  INCREMENTAL,
  /** The whole transcript plus the new items, without {@code previous_response_id}. */
  FULL
}
