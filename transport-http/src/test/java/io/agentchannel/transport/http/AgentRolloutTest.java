package io.agentchannel.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelException;
import io.agentchannel.AgentChannels;
import io.agentchannel.Timeouts;
import io.agentchannel.agent.Agent;
import io.agentchannel.agent.AgentListener;
import io.agentchannel.agent.AgentResult;
import io.agentchannel.agent.ToolDefinition;
import io.agentchannel.conversation.ContextMode;
import io.agentchannel.conversation.ConversationOptions;
import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.sim.CostProfile;
import io.agentchannel.sim.SimOptions;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.ToolLoopDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent loop end to end over HTTP against the simulator's {@code tool-loop} model. */
class AgentRolloutTest {

  private static final int TOOL_CALLS = 20;
  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}";

  private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

  private Agent agent(AgentChannel channel, AgentListener listener) {
    return Agent.builder(channel)
        .model("tool-loop")
        .instructions("call the tools, then answer")
        .store(false)
        .listener(listener)
        .conversationOptions(
            ConversationOptions.builder()
                .replayWhenOutcomeUnknown(true)
                .backoffBase(Duration.ofMillis(5))
                .backoffMax(Duration.ofMillis(50))
                .maxAttempts(6)
                .build())
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
  }

  private static String prompt() {
    return "[sim tool_calls=" + TOOL_CALLS + "] go";
  }

  @Test
  void a_twenty_call_rollout_ends_with_the_digest_of_every_output_once_in_order() {
    try (SimServer sim = SimServer.start(sim(0).build());
        AgentChannel channel = AgentChannels.create(SimChannels.options(sim).build())) {
      AgentResult result = agent(channel, new AgentListener() {}).run(prompt());

      assertThat(result.answer()).isEqualTo(ToolLoopDigest.answer(result.transcript()));
      assertThat(ToolLoopDigest.outputsOf(result.transcript())).hasSize(TOOL_CALLS);
      assertThat(executions).hasSize(TOOL_CALLS);
      assertThat(executions.values()).allSatisfy(n -> assertThat(n).hasValue(1));
      assertThat(result.turns()).allSatisfy(t -> assertThat(t.transportId()).isEqualTo("http"));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void under_seeded_faults_every_run_ends_with_the_digest_or_a_typed_error(long seed)
      throws Exception {
    SimOptions.Builder faulty =
        sim(seed)
            .faultRate("close_after:3", 0.01)
            .faultRate("stall_after:2", 0.01)
            .faultRate("status:429:0", 0.01)
            .faultRate("status:500", 0.01)
            .faultRate("previous_response_not_found", 0.01);
    try (SimServer sim = SimServer.start(faulty.build());
        AgentChannel channel =
            AgentChannels.create(
                SimChannels.options(sim)
                    .timeouts(
                        Timeouts.defaults()
                            .withFirstEvent(Duration.ofSeconds(2))
                            .withIdle(Duration.ofMillis(300))
                            .withTotal(Duration.ofSeconds(5)))
                    .build())) {
      AgentResult result;
      try {
        result =
            agent(channel, new AgentListener() {})
                .runAsync(List.of(io.agentchannel.model.MessageItem.user(prompt())))
                .get(60, TimeUnit.SECONDS);
      } catch (ExecutionException failed) {
        assertThat(failed.getCause()).isInstanceOf(AgentChannelException.class);
        assertThat(executions.values()).allSatisfy(n -> assertThat(n).hasValue(1));
        return;
      }
      assertThat(result.answer()).isEqualTo(ToolLoopDigest.answer(result.transcript()));
      assertThat(ToolLoopDigest.outputsOf(result.transcript())).hasSize(TOOL_CALLS);
      assertThat(executions).hasSize(TOOL_CALLS);
      assertThat(executions.values()).allSatisfy(n -> assertThat(n).hasValue(1));
    }
  }

  @Test
  void with_store_false_every_turn_sends_the_full_context_and_the_bytes_grow() throws Exception {
    try (SimServer sim = SimServer.start(sim(0).build());
        ByteCountingProxy proxy = new ByteCountingProxy(sim.baseUrl());
        AgentChannel channel =
            AgentChannels.create(
                SimChannels.options(sim).baseUrl(proxy.baseUrl(sim.baseUrl())).build())) {
      List<Long> bytesAtTurnEnd = new ArrayList<>();
      AgentResult result =
          agent(
                  channel,
                  new AgentListener() {
                    @Override
                    public void onTurn(TurnRecord turn) {
                      bytesAtTurnEnd.add(proxy.upstreamBytes());
                    }
                  })
              .run(prompt());

      assertThat(result.turns()).extracting(TurnRecord::mode).containsOnly(ContextMode.FULL);
      List<Long> perTurn = new ArrayList<>();
      for (int i = 1; i < bytesAtTurnEnd.size(); i++) {
        perTurn.add(bytesAtTurnEnd.get(i) - bytesAtTurnEnd.get(i - 1));
      }
      // Turn k resends every earlier item: the last turn carries far more than the second.
      assertThat(perTurn.get(perTurn.size() - 1)).isGreaterThan(3 * perTurn.get(0));
    }
  }

  private static SimOptions.Builder sim(long seed) {
    return SimOptions.builder().apiKeys(SimChannels.KEY).cost(CostProfile.instant()).seed(seed);
  }
}
