package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.Timeouts;
import io.agentchannel.agent.Agent;
import io.agentchannel.agent.AgentListener;
import io.agentchannel.agent.AgentResult;
import io.agentchannel.agent.ToolDefinition;
import io.agentchannel.conversation.ContextMode;
import io.agentchannel.conversation.ContextReason;
import io.agentchannel.conversation.Conversation;
import io.agentchannel.conversation.ConversationOptions;
import io.agentchannel.conversation.TurnOutcomeUnknownException;
import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.conversation.TurnResult;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.testing.LoopbackProxy;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * RULES.md area 10: the conversation runtime and the agent loop (the api module's {@code
 * Conversation} and {@code Agent}) over the transport under test.
 */
abstract class RuntimeRules extends ReleaseRules {

  static final int TOOL_CALLS = 20;
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}";

  private static CreateRequest turn(String text, Boolean store) {
    return CreateRequest.builder()
        .model("echo")
        .instructions("Be brief.")
        .store(store)
        .input(text)
        .build();
  }

  final TurnResult turnOf(CompletableFuture<TurnResult> turn, String rule) throws Exception {
    try {
      return turn.get(await().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException hang) {
      return fail("%s: expected the turn to end within %s; it hung", rule, await());
    } catch (ExecutionException failed) {
      return fail(
          "%s: expected the turn to complete, it failed with %s",
          rule, Describe.error(failed.getCause()));
    }
  }

  private static ConversationOptions.Builder quickRetries() {
    return ConversationOptions.builder()
        .backoffBase(Duration.ofMillis(5))
        .backoffMax(Duration.ofMillis(50));
  }

  /** Runs a 20-call tool-loop agent and counts each call id's executions. */
  private AgentRunOutcome rollout(AgentChannel channel, AgentListener listener) throws Exception {
    Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    Agent agent =
        Agent.builder(channel)
            .model("tool-loop")
            .instructions("call the tools, then answer")
            .store(false)
            .listener(listener)
            .conversationOptions(
                quickRetries().replayWhenOutcomeUnknown(true).maxAttempts(6).build())
            .tool(
                ToolDefinition.of(
                    "lookup",
                    "looks something up",
                    SCHEMA,
                    call -> {
                      executions
                          .computeIfAbsent(call.callId(), id -> new AtomicInteger())
                          .incrementAndGet();
                      return "result of " + call.callId() + " for " + call.arguments();
                    }))
            .build();
    CompletableFuture<AgentResult> run =
        agent.runAsync(List.of(MessageItem.user("[sim tool_calls=" + TOOL_CALLS + "] go")));
    try {
      return new AgentRunOutcome(
          run.get(await().toNanos() * 3, TimeUnit.NANOSECONDS), null, executions);
    } catch (TimeoutException hang) {
      return fail(
          "the agent run neither ended nor failed within %s (a hang)", await().multipliedBy(3));
    } catch (ExecutionException failed) {
      return new AgentRunOutcome(null, failed.getCause(), executions);
    }
  }

  private record AgentRunOutcome(
      AgentResult result, Throwable error, Map<String, AtomicInteger> executions) {

    void assertNoToolRanTwice(String rule) {
      executions.forEach(
          (callId, runs) ->
              assertThat(runs.get())
                  .as("%s: executions of tool call %s", rule, callId)
                  .isEqualTo(1));
    }

    void assertDigest(String rule) {
      assertThat(result.answer())
          .as("%s: the tool-loop model's digest of every tool output it received", rule)
          .isEqualTo(ToolLoopDigest.answer(result.transcript()));
      assertThat(ToolLoopDigest.outputsOf(result.transcript())).hasSize(TOOL_CALLS);
      assertThat(executions).as("%s: tool calls executed", rule).hasSize(TOOL_CALLS);
      assertNoToolRanTwice(rule);
    }
  }

  /** Bytes the server received per turn, turn 2 onwards, over a 20-call rollout. */
  private List<Long> bytesPerTurn(Fixture f) throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(f.sim().baseUrl())) {
      AgentChannel channel =
          f.channel(f.options().baseUrl(proxy.through(f.sim().baseUrl())).build());
      List<Long> atTurnEnd = new ArrayList<>();
      AgentRunOutcome outcome =
          rollout(
              channel,
              new AgentListener() {
                @Override
                public void onTurn(TurnRecord turn) {
                  atTurnEnd.add(proxy.upstreamBytes());
                }
              });
      if (outcome.error() != null) {
        fail("the rollout failed: %s", Describe.error(outcome.error()));
      }
      outcome.assertDigest("AC-10.1");
      List<Long> perTurn = new ArrayList<>();
      for (int i = 1; i < atTurnEnd.size(); i++) {
        perTurn.add(atTurnEnd.get(i) - atTurnEnd.get(i - 1));
      }
      return perTurn;
    }
  }

  @Test
  public void ac_10_1_connection_local_state_sends_only_new_items() throws Exception {
    requires(
        Capability.CONNECTION_LOCAL_STATE,
        "only a connection-local cache lets a store:false turn continue from the previous one");
    try (Fixture f = fixture(sim -> sim.cost(CostProfile.instant()))) {
      List<Long> perTurn = bytesPerTurn(f);
      long second = perTurn.get(0);
      long last = perTurn.get(perTurn.size() - 1);
      assertThat(last)
          .as(
              "AC-10.1: bytes the server received for the last turn, against %d for turn 2 (all"
                  + " turns: %s); full context would grow with every turn",
              second, perTurn)
          .isLessThanOrEqualTo(second * 2);
      assertThat(f.sim().stats().cacheHits())
          .as("AC-10.1: continuations served from the connection-local cache")
          .isGreaterThanOrEqualTo(TOOL_CALLS - 1);
    }
  }

  @Test
  public void ac_10_2_without_connection_state_store_false_sends_full_context() throws Exception {
    if (capabilities().contains(Capability.CONNECTION_LOCAL_STATE)) {
      org.junit.jupiter.api.Assumptions.abort(
          "applies to transports without CONNECTION_LOCAL_STATE; this one declares it");
    }
    try (Fixture f = fixture(sim -> sim.cost(CostProfile.instant()))) {
      List<Long> perTurn = bytesPerTurn(f);
      assertThat(perTurn.get(perTurn.size() - 1))
          .as("AC-10.2: the last turn resends every earlier item (bytes per turn: %s)", perTurn)
          .isGreaterThan(3 * perTurn.get(0));
    }
  }

  @Test
  public void ac_10_3_previous_response_not_found_resends_the_full_context_once() throws Exception {
    try (Fixture f = fixture(sim -> sim.faultRate("previous_response_not_found", 1.0))) {
      AgentChannel channel = f.channel();
      Conversation conversation = Conversation.open(channel, quickRetries().maxAttempts(1).build());
      Boolean store = capabilities().contains(Capability.CONNECTION_LOCAL_STATE) ? false : true;
      turnOf(conversation.send(turn("one", store)), "AC-10.3");
      TurnResult second = turnOf(conversation.send(turn("two", store)), "AC-10.3");
      assertThat(second.record().reason())
          .as("AC-10.3: the second turn's continuation was refused and resent in full")
          .isEqualTo(ContextReason.PREVIOUS_RESPONSE_NOT_FOUND);
      assertThat(second.record().mode()).isEqualTo(ContextMode.FULL);
      assertThat(second.response().outputText()).isEqualTo("echo: two");
      assertThat(f.sim().stats().errors("previous_response_not_found"))
          .as("AC-10.3: refusals the simulator sent (one resend, not a loop)")
          .isEqualTo(1);
    }
  }

  @Test
  public void ac_10_4_retries_end_after_the_budget_with_a_typed_error() throws Exception {
    try (Fixture f = fixture(sim -> sim.faultRate("status:500", 1.0))) {
      Conversation conversation =
          Conversation.open(f.channel(), quickRetries().maxAttempts(3).build());
      CompletableFuture<TurnResult> turn = conversation.send(turn("one", null));
      Throwable error;
      try {
        turn.get(await().toNanos(), TimeUnit.NANOSECONDS);
        error = null;
      } catch (ExecutionException failed) {
        error = failed.getCause();
      }
      assertThat(error)
          .as("AC-10.4: a turn refused with 500 on every attempt")
          .isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).status()).isEqualTo(500);
      assertThat(f.sim().stats().errorsByCode().values().stream().mapToLong(Long::longValue).sum())
          .as(
              "AC-10.4: errors the simulator sent (%s): the budget of 3 attempts",
              f.sim().stats().errorsByCode())
          .isEqualTo(3L);
    }
  }

  @Test
  public void ac_10_5_a_turn_that_may_have_reached_the_server_is_not_replayed() throws Exception {
    try (Fixture f = fixture()) {
      Conversation conversation = Conversation.open(f.channel(), quickRetries().build());
      CreateRequest dropped =
          turn("one", null).toBuilder().metadata(Map.of("sim_fault", "close_after:2")).build();
      Throwable error;
      try {
        conversation.send(dropped).get(await().toNanos(), TimeUnit.NANOSECONDS);
        error = null;
      } catch (ExecutionException failed) {
        error = failed.getCause();
      }
      assertThat(error)
          .as("AC-10.5: a drop after two events of the turn")
          .isInstanceOf(TurnOutcomeUnknownException.class);
      // The simulator counts the dropped turn once it has noticed the drop, which may come after
      // the client has: wait for that count, then check that no replay followed it.
      eventually(
          () -> requestsReceived(f) >= 1,
          () -> "AC-10.5: the simulator never counted the dropped request");
      TurnResult next = turnOf(conversation.send(turn("two", null)), "AC-10.5");
      assertThat(next.response().outputText())
          .as("AC-10.5: the conversation stays usable")
          .isEqualTo("echo: two");
      assertThat(requestsReceived(f))
          .as("AC-10.5: requests the simulator received, the dropped one and the next: no replay")
          .isEqualTo(2);
    }
  }

  private static long requestsReceived(Fixture f) {
    SimStats stats = f.sim().stats();
    return stats.turnsByTransport().values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  public void ac_10_6_rotation_opens_a_new_connection_at_a_turn_boundary() throws Exception {
    requires(Capability.PERSISTENT_CONNECTION, "rotation replaces a persistent connection");
    try (Fixture f = fixture()) {
      Conversation conversation =
          Conversation.open(f.channel(), quickRetries().rotateAfter(Duration.ofMillis(1)).build());
      for (int i = 0; i < 3; i++) {
        turnOf(conversation.send(turn("turn " + i, false)), "AC-10.6");
        Thread.sleep(5);
      }
      assertThat(conversation.turns())
          .extracting(TurnRecord::reason)
          .as("AC-10.6: after rotation the connection-local state is gone: full context")
          .containsExactly(
              ContextReason.FIRST_TURN, ContextReason.NEW_CONNECTION, ContextReason.NEW_CONNECTION);
      assertThat(f.sim().stats().connectionsOpened())
          .as("AC-10.6: one connection per turn, each opened at a turn boundary")
          .isGreaterThanOrEqualTo(3);
    }
  }

  @Test
  public void ac_10_7_the_connection_limit_continues_on_a_new_connection() throws Exception {
    requires(Capability.PERSISTENT_CONNECTION, "the age limit is a WebSocket connection's");
    try (Fixture f = fixture(sim -> sim.connectionLimit(Duration.ofMillis(400)))) {
      Conversation conversation = Conversation.open(f.channel(), quickRetries().build());
      turnOf(conversation.send(turn("one", false)), "AC-10.7");
      Thread.sleep(700);
      TurnResult second = turnOf(conversation.send(turn("two", false)), "AC-10.7");
      assertThat(second.record().mode())
          .as("AC-10.7: a store:false turn on a new connection sends the full context")
          .isEqualTo(ContextMode.FULL);
      // A session that is one connection is replaced (NEW_CONNECTION); a session that pools
      // connections learns of the loss from the server (PREVIOUS_RESPONSE_NOT_FOUND).
      assertThat(second.record().reason())
          .isIn(ContextReason.NEW_CONNECTION, ContextReason.PREVIOUS_RESPONSE_NOT_FOUND);
      assertThat(second.response().outputText()).isEqualTo("echo: two");
    }
  }

  @Test
  public void ac_10_8_a_warm_up_lets_the_first_turn_send_only_its_input() throws Exception {
    requires(Capability.WARMUP, "generate:false warm-up");
    try (Fixture f = fixture()) {
      Conversation conversation =
          Conversation.open(f.channel(), quickRetries().warmup(true).build());
      TurnResult first = turnOf(conversation.send(turn("one", false)), "AC-10.8");
      assertThat(first.record().reason())
          .as("AC-10.8: the first turn continued from the warm-up")
          .isEqualTo(ContextReason.WARMED_UP);
      assertThat(first.record().itemsSent()).isEqualTo(1);
      assertThat(first.response().outputText()).isEqualTo("echo: one");
    }
  }

  @Test
  public void ac_10_9_parallel_conversations_on_one_channel_stay_apart() throws Exception {
    try (Fixture f = fixture(sim -> sim.cost(CostProfile.instant()))) {
      AgentChannel channel = f.channel();
      boolean local = capabilities().contains(Capability.CONNECTION_LOCAL_STATE);
      List<CompletableFuture<List<TurnRecord>>> runs = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int id = c;
        Conversation conversation = Conversation.open(channel, quickRetries().build());
        runs.add(
            CompletableFuture.supplyAsync(
                () -> {
                  for (int t = 0; t < 3; t++) {
                    TurnResult r = conversation.send(turn("c" + id + " t" + t, false)).join();
                    if (!r.response().outputText().equals("echo: c" + id + " t" + t)) {
                      throw new AssertionError("conversation " + id + " got " + r.response());
                    }
                  }
                  return conversation.turns();
                }));
      }
      for (CompletableFuture<List<TurnRecord>> run : runs) {
        List<TurnRecord> turns = run.get(await().toNanos(), TimeUnit.NANOSECONDS);
        if (local) {
          assertThat(turns.subList(1, 3))
              .extracting(TurnRecord::mode)
              .as("AC-10.9: each conversation kept its own connection or lane")
              .containsOnly(ContextMode.INCREMENTAL);
        }
      }
      assertThat(f.sim().stats().errorsByCode())
          .as("AC-10.9: errors the simulator sent (none: never two responses on a v1 connection)")
          .isEmpty();
    }
  }

  @Test
  public void ac_10_10_a_twenty_call_rollout_runs_each_tool_call_once_in_order() throws Exception {
    try (Fixture f = fixture(sim -> sim.cost(CostProfile.instant()))) {
      AgentRunOutcome outcome = rollout(f.channel(), new AgentListener() {});
      if (outcome.error() != null) {
        fail("AC-10.10: the rollout failed: %s", Describe.error(outcome.error()));
      }
      outcome.assertDigest("AC-10.10");
      assertThat(outcome.result().turns()).hasSize(TOOL_CALLS + 1);
    }
  }

  @Test
  public void ac_10_11_under_seeded_faults_a_rollout_ends_right_or_typed() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      long s = seed;
      try (Fixture f =
          fixture(
              sim ->
                  sim.cost(CostProfile.instant())
                      .seed(s)
                      .faultRate("close_after:3", 0.01)
                      .faultRate("stall_after:2", 0.01)
                      .faultRate("status:429:0", 0.01)
                      .faultRate("status:500", 0.01)
                      .faultRate("previous_response_not_found", 0.01))) {
        AgentChannel channel =
            f.channel(
                f.options()
                    .timeouts(
                        Timeouts.defaults()
                            .withFirstEvent(Duration.ofSeconds(2))
                            .withIdle(limits().deadline())
                            .withTotal(Duration.ofSeconds(5)))
                    .build());
        AgentRunOutcome outcome = rollout(channel, new AgentListener() {});
        if (outcome.error() != null) {
          assertThat(outcome.error())
              .as("AC-10.11 (seed %d): a run that does not finish ends with a typed error", s)
              .isInstanceOf(AgentChannelException.class);
          outcome.assertNoToolRanTwice("AC-10.11 (seed " + s + ")");
        } else {
          outcome.assertDigest("AC-10.11 (seed " + s + ")");
        }
      }
    }
  }
}
