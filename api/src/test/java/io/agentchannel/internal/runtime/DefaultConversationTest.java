package io.agentchannel.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.conversation.ContextMode;
import io.agentchannel.conversation.ContextReason;
import io.agentchannel.conversation.Conversation;
import io.agentchannel.conversation.ConversationOptions;
import io.agentchannel.conversation.TurnOutcomeUnknownException;
import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.internal.DefaultAgentChannel;
import io.agentchannel.internal.runtime.ProgrammableTransport.Failure;
import io.agentchannel.testing.MutableClock;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DefaultConversationTest {

  private static final Set<Capability> WEBSOCKET =
      EnumSet.of(
          Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE, Capability.WARMUP);
  private static final Set<Capability> HTTP = EnumSet.noneOf(Capability.class);

  private final MutableClock clock = new MutableClock();
  private ProgrammableTransport transport;
  private DefaultAgentChannel channel;

  private Conversation open(Set<Capability> capabilities, ConversationOptions.Builder options) {
    transport = new ProgrammableTransport(capabilities, clock);
    channel = new DefaultAgentChannel("test", transport, AgentChannelOptions.builder().build());
    return Conversation.open(
        channel, options.clock(clock).backoffBase(Duration.ofMillis(1)).build());
  }

  private ConversationOptions sameClock() {
    return ConversationOptions.builder().clock(clock).build();
  }

  @AfterEach
  void closeChannel() {
    if (channel != null) {
      channel.close();
    }
  }

  private static CreateRequest turn(String text, Boolean store) {
    return CreateRequest.builder()
        .model("m")
        .instructions("be brief")
        .store(store)
        .input(text)
        .build();
  }

  private static ApiException apiError(int status, String code, Duration retryAfter) {
    return new ApiException(
        status, ErrorDetail.of("invalid_request_error", code, "x", null), retryAfter, Map.of());
  }

  @Test
  void store_false_over_connection_local_state_sends_only_new_items_after_the_first_turn() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    String first = conversation.send(turn("one", false)).join().response().id();
    conversation.send(turn("two", false)).join();

    assertThat(transport.sent.get(0).request().input()).hasSize(1);
    assertThat(transport.sent.get(0).request().previousResponseId()).isNull();
    CreateRequest second = transport.sent.get(1).request();
    assertThat(second.input()).containsExactly(MessageItem.user("two"));
    assertThat(second.previousResponseId()).isEqualTo(first);
    assertThat(conversation.turns())
        .extracting(TurnRecord::mode, TurnRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ContextMode.FULL, ContextReason.FIRST_TURN),
            org.assertj.core.groups.Tuple.tuple(
                ContextMode.INCREMENTAL, ContextReason.CONTINUATION));
    assertThat(conversation.transcript()).hasSize(4);
  }

  @Test
  void store_false_without_connection_local_state_sends_the_full_context() {
    Conversation conversation = open(HTTP, ConversationOptions.builder());
    conversation.send(turn("one", false)).join();
    conversation.send(turn("two", false)).join();

    CreateRequest second = transport.sent.get(1).request();
    assertThat(second.previousResponseId()).isNull();
    assertThat(second.input()).hasSize(3).endsWith(MessageItem.user("two"));
    assertThat(conversation.turns().get(1).reason()).isEqualTo(ContextReason.NO_SERVER_STATE);
  }

  @Test
  void a_stored_conversation_continues_over_http() {
    Conversation conversation = open(HTTP, ConversationOptions.builder());
    conversation.send(turn("one", null)).join();
    conversation.send(turn("two", null)).join();

    assertThat(transport.sent.get(1).request().previousResponseId()).isNotNull();
    assertThat(transport.sent.get(1).request().input()).hasSize(1);
  }

  @Test
  void a_changed_setting_sends_the_full_context_and_says_why() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    conversation.send(turn("one", false)).join();
    conversation.send(turn("two", false).toBuilder().instructions("be verbose").build()).join();

    assertThat(transport.sent.get(1).request().previousResponseId()).isNull();
    assertThat(conversation.turns().get(1).reason()).isEqualTo(ContextReason.SETTINGS_CHANGED);
  }

  @Test
  void previous_response_not_found_resends_the_full_context_once() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder().maxAttempts(1));
    conversation.send(turn("one", false)).join();
    transport.script(
        sent ->
            sent.request().previousResponseId() != null
                ? new Failure(apiError(400, "previous_response_not_found", null), false)
                : transport.text("ok"));
    TurnRecord record = conversation.send(turn("two", false)).join().record();

    assertThat(transport.sent).hasSize(3);
    assertThat(transport.sent.get(2).request().previousResponseId()).isNull();
    assertThat(transport.sent.get(2).request().input()).hasSize(3);
    assertThat(record.reason()).isEqualTo(ContextReason.PREVIOUS_RESPONSE_NOT_FOUND);
    assertThat(record.attempts()).isEqualTo(1);
  }

  @Test
  void a_request_never_sent_is_retried() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    AtomicInteger calls = new AtomicInteger();
    transport.script(
        sent ->
            calls.incrementAndGet() == 1
                ? new Failure(ConnectionException.notSent("refused", null), true)
                : transport.text("ok"));
    TurnRecord record = conversation.send(turn("one", false)).join().record();

    assertThat(record.attempts()).isEqualTo(2);
    assertThat(transport.sessions).hasSize(2);
  }

  @Test
  void a_drop_after_the_send_is_not_replayed_unless_allowed() {
    Conversation strict = open(WEBSOCKET, ConversationOptions.builder());
    transport.script(
        sent -> new Failure(ConnectionException.afterSend("connection reset", null), true));

    assertThatThrownBy(() -> strict.send(turn("one", false)).join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(TurnOutcomeUnknownException.class)
        .hasMessageContaining("not replayed");
    assertThat(transport.sent).hasSize(1);
    channel.close();

    Conversation replaying =
        open(WEBSOCKET, ConversationOptions.builder().replayWhenOutcomeUnknown(true));
    AtomicInteger calls = new AtomicInteger();
    transport.script(
        sent ->
            calls.incrementAndGet() == 1
                ? new Failure(ConnectionException.afterSend("connection reset", null), true)
                : transport.text("ok"));
    assertThat(replaying.send(turn("one", false)).join().record().attempts()).isEqualTo(2);
  }

  @Test
  void a_conversation_stays_usable_after_a_turn_failed() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    conversation.send(turn("one", false)).join();
    transport.script(sent -> new Failure(ConnectionException.afterSend("reset", null), true));
    assertThatThrownBy(() -> conversation.send(turn("two", false)).join())
        .hasCauseInstanceOf(TurnOutcomeUnknownException.class);
    transport.script(sent -> transport.text("ok"));

    TurnRecord record = conversation.send(turn("three", false)).join().record();

    assertThat(record.reason()).isEqualTo(ContextReason.NEW_CONNECTION);
    assertThat(transport.sent.get(2).request().input())
        .containsExactly(
            MessageItem.user("one"), conversation.transcript().get(1), MessageItem.user("three"));
  }

  @Test
  void rate_limits_honour_retry_after() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    AtomicInteger calls = new AtomicInteger();
    transport.script(
        sent ->
            calls.incrementAndGet() == 1
                ? new Failure(apiError(429, "rate_limit_exceeded", Duration.ofMillis(700)), false)
                : transport.text("ok"));
    long start = System.nanoTime();
    conversation.send(turn("one", false)).join();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(transport.sent).hasSize(2);
  }

  @Test
  void the_retry_budget_ends_with_the_last_error() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder().maxAttempts(3));
    transport.script(sent -> new Failure(apiError(500, "server_error", null), false));

    assertThatThrownBy(() -> conversation.send(turn("one", false)).join())
        .cause()
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).status())
        .isEqualTo(500);
    assertThat(transport.sent).hasSize(3);
  }

  @Test
  void a_client_error_is_not_retried() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    transport.script(sent -> new Failure(apiError(400, "invalid_value", null), false));

    assertThatThrownBy(() -> conversation.send(turn("one", false)).join())
        .hasCauseInstanceOf(ApiException.class);
    assertThat(transport.sent).hasSize(1);
  }

  @Test
  void rotation_moves_to_a_new_connection_at_a_turn_boundary() {
    Conversation conversation =
        open(WEBSOCKET, ConversationOptions.builder().rotateAfter(Duration.ofMinutes(55)));
    conversation.send(turn("one", false)).join();
    clock.advance(Duration.ofMinutes(54));
    conversation.send(turn("two", false)).join();
    clock.advance(Duration.ofMinutes(2));
    conversation.send(turn("three", false)).join();

    assertThat(transport.sent)
        .extracting(ProgrammableTransport.Sent::session)
        .containsExactly(0, 0, 1);
    assertThat(transport.sessions.get(0).isOpen()).isFalse();
    assertThat(conversation.turns().get(2).reason()).isEqualTo(ContextReason.NEW_CONNECTION);
    assertThat(transport.sent.get(2).request().input()).hasSize(5);
  }

  @Test
  void the_connection_limit_moves_to_a_new_connection_with_the_full_context() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    conversation.send(turn("one", false)).join();
    AtomicInteger calls = new AtomicInteger();
    transport.script(
        sent ->
            calls.incrementAndGet() == 1
                ? new Failure(
                    new ConnectionLimitReachedException(
                        400,
                        ErrorDetail.of(
                            "invalid_request_error",
                            ConnectionLimitReachedException.CODE,
                            "x",
                            null),
                        null,
                        Map.of()),
                    false)
                : transport.text("ok"));
    TurnRecord record = conversation.send(turn("two", false)).join().record();

    assertThat(transport.sent.get(2).session()).isEqualTo(1);
    assertThat(record.mode()).isEqualTo(ContextMode.FULL);
    assertThat(record.reason()).isEqualTo(ContextReason.NEW_CONNECTION);
  }

  @Test
  void a_warm_up_lets_the_first_turn_send_only_its_input() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder().warmup(true));
    TurnRecord record = conversation.send(turn("one", false)).join().record();

    CreateRequest warmup = transport.sent.get(0).request();
    assertThat(warmup.isWarmup()).isTrue();
    assertThat(warmup.instructions()).isEqualTo("be brief");
    assertThat(warmup.input()).isEmpty();
    CreateRequest first = transport.sent.get(1).request();
    assertThat(first.previousResponseId()).isNotNull();
    assertThat(first.input()).containsExactly(MessageItem.user("one"));
    assertThat(record.reason()).isEqualTo(ContextReason.WARMED_UP);
    assertThat(conversation.transcript()).hasSize(2);
  }

  @Test
  void no_warm_up_where_the_transport_has_none() {
    Conversation conversation = open(HTTP, ConversationOptions.builder().warmup(true));
    conversation.send(turn("one", false)).join();

    assertThat(transport.sent).hasSize(1);
    assertThat(transport.sent.get(0).request().isWarmup()).isFalse();
  }

  @Test
  void the_ledger_runs_a_call_id_once() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    AtomicInteger runs = new AtomicInteger();
    String a =
        conversation
            .executeOnce(
                "call_1",
                () ->
                    java.util.concurrent.CompletableFuture.completedFuture(
                        "r" + runs.incrementAndGet()))
            .toCompletableFuture()
            .join();
    String b =
        conversation
            .executeOnce(
                "call_1",
                () ->
                    java.util.concurrent.CompletableFuture.completedFuture(
                        "r" + runs.incrementAndGet()))
            .toCompletableFuture()
            .join();

    assertThat(a).isEqualTo("r1").isEqualTo(b);
    assertThat(runs).hasValue(1);
  }

  @Test
  void one_turn_at_a_time_and_no_previous_response_id_from_the_caller() {
    Conversation conversation = open(WEBSOCKET, ConversationOptions.builder());
    assertThatThrownBy(
            () -> conversation.send(turn("x", false).toBuilder().previousResponseId("r").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("previous_response_id");
    conversation.close();
    assertThatThrownBy(() -> conversation.send(turn("x", false)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parallel_conversations_get_their_own_connections_without_lanes() {
    open(WEBSOCKET, ConversationOptions.builder());
    List<Conversation> conversations =
        List.of(
            Conversation.open(channel, sameClock()),
            Conversation.open(channel, sameClock()),
            Conversation.open(channel, sameClock()));
    conversations.forEach(c -> c.send(turn("hi", false)).join());

    assertThat(transport.sent)
        .extracting(ProgrammableTransport.Sent::session)
        .doesNotHaveDuplicates();
    conversations.get(0).close();
    Conversation next = Conversation.open(channel, sameClock());
    next.send(turn("again", false)).join();
    assertThat(transport.sessions).as("a released connection is reused").hasSize(3);
  }

  @Test
  void parallel_conversations_share_a_connection_over_lanes() {
    Set<Capability> lanes = EnumSet.copyOf(WEBSOCKET);
    lanes.add(Capability.LANES);
    open(lanes, ConversationOptions.builder());
    List<Conversation> conversations =
        List.of(
            Conversation.open(channel, sameClock()),
            Conversation.open(channel, sameClock()),
            Conversation.open(channel, sameClock()));
    conversations.forEach(c -> c.send(turn("hi", false)).join());

    assertThat(transport.sessions).hasSize(1);
    assertThat(transport.sent)
        .extracting(sent -> sent.request().streamId())
        .doesNotContainNull()
        .doesNotHaveDuplicates();
  }

  @Test
  void over_http_conversations_share_the_channel_session() {
    open(HTTP, ConversationOptions.builder());
    Conversation.open(channel, sameClock()).send(turn("a", false)).join();
    Conversation.open(channel, sameClock()).send(turn("b", false)).join();

    assertThat(transport.sessions).hasSize(1);
  }
}
