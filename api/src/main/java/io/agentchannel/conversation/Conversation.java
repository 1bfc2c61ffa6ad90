package io.agentchannel.conversation;

import io.agentchannel.AgentChannel;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One dialogue with the model over a channel: it keeps the transcript (every input item sent and
 * every output item returned) and decides, turn by turn, what goes on the wire.
 *
 * <p><b>What is sent.</b> A turn sends only its new items with {@code previous_response_id} when
 * every non-input field of its request (model, instructions, tools, tool_choice,
 * parallel_tool_calls, reasoning, store, include, text, metadata, extras, ...) equals the previous
 * turn's and the server holds the previous response: {@code store} is not {@code false} (the
 * server's default stores), or the transport declares {@code CONNECTION_LOCAL_STATE} and the turn
 * runs on the connection that produced it. Otherwise it sends the whole transcript. {@link
 * #turns()} records each choice and its {@link ContextReason}.
 *
 * <p><b>Recovery.</b> {@code previous_response_not_found} is answered by resending the full context
 * once. A request that was never written, a 429 (after its {@code Retry-After}), a 5xx and {@code
 * websocket_connection_limit_reached} (on a new connection) are retried with exponential backoff
 * within {@link ConversationOptions#maxAttempts()}; after that the last error is thrown. A turn
 * whose request may have reached the server and whose outcome is unknown fails with {@link
 * TurnOutcomeUnknownException} unless {@link ConversationOptions#replayWhenOutcomeUnknown()}.
 *
 * <p><b>Connections.</b> A conversation is bound to one session of the channel: its own connection
 * on a WebSocket transport without lanes, a lane of a shared connection where the transport offers
 * lanes, the channel's shared session over HTTP. It moves to a new one only at a turn boundary:
 * when its connection was lost, or has passed {@link ConversationOptions#rotateAfter()}.
 *
 * <p><b>Threading.</b> One turn at a time: {@link #send} while a turn is in flight throws {@link
 * IllegalStateException}. The other methods are thread-safe. Event consumers run on the transport's
 * reader thread and must not block.
 *
 * <p><b>Lifecycle.</b> {@link #close()} gives the session back to the channel (it is not closed if
 * another conversation may use it); closing the channel ends every conversation.
 */
public interface Conversation extends AutoCloseable {

  /** Opens a conversation over the channel with {@link ConversationOptions#defaults()}. */
  static Conversation open(AgentChannel channel) {
    return open(channel, ConversationOptions.defaults());
  }

  /**
   * Opens a conversation over the channel. No connection is made until the first turn.
   *
   * @throws IllegalStateException if the channel is closed
   */
  static Conversation open(AgentChannel channel, ConversationOptions options) {
    return DefaultConversation.open(channel, options);
  }

  /**
   * Runs one turn. The request carries the settings (model, instructions, tools, ...) and, in
   * {@code input}, only the items that are new in this turn; its {@code previous_response_id} must
   * be unset (the conversation sets it).
   *
   * @return the turn's final response and record; fails with the error that ended the turn
   * @throws IllegalStateException if a turn is in flight or the conversation is closed
   * @throws IllegalArgumentException if the request sets {@code previous_response_id}
   */
  default CompletableFuture<TurnResult> send(CreateRequest request) {
    return send(request, event -> {});
  }

  /**
   * Like {@link #send(CreateRequest)}, giving {@code events} every event of the turn as it arrives.
   * When an attempt fails and the turn is retried, the events of the new attempt follow those of
   * the failed one.
   */
  CompletableFuture<TurnResult> send(CreateRequest request, Consumer<ServerEvent> events);

  /**
   * Runs {@code execution} for {@code callId} unless it ran before in this conversation, in which
   * case the first execution's result is returned: the executed-call ledger that makes a tool run
   * at most once per {@code call_id}, whatever is retried underneath.
   */
  CompletionStage<String> executeOnce(
      String callId, Supplier<? extends CompletionStage<String>> execution);

  /** Every item so far, inputs and outputs of the completed turns, in order. A snapshot. */
  List<Item> transcript();

  /** The record of every completed turn, in order. A snapshot. */
  List<TurnRecord> turns();

  /** Gives the session back to the channel. Idempotent. */
  @Override
  void close();
}
