/**
 * Conversations over a channel: the transcript of one dialogue, sent as only the new items with
 * {@code previous_response_id} where the server can continue from its state, and as full context
 * otherwise, with every turn's choice recorded ({@link io.agentchannel.conversation.TurnRecord}).
 *
 * <p>A {@link io.agentchannel.conversation.Conversation} is bound to one transport session (its
 * connection-local state lives there), retries what is safe to retry within a budget, and never
 * replays a turn whose request may have reached the server unless told it may.
 */
package io.agentchannel.conversation;
