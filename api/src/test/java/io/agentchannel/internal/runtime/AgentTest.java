package io.agentchannel.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.agent.Agent;
import io.agentchannel.agent.AgentListener;
import io.agentchannel.agent.AgentResult;
import io.agentchannel.agent.StepLimitExceededException;
import io.agentchannel.agent.ToolCall;
import io.agentchannel.agent.ToolDefinition;
import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.internal.DefaultAgentChannel;
import io.agentchannel.internal.runtime.ProgrammableTransport.Failure;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Item;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentTest {

  private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

  private ProgrammableTransport transport;
  private DefaultAgentChannel channel;
  private final ConcurrentHashMap<String, AtomicInteger> runs = new ConcurrentHashMap<>();

  @BeforeEach
  void openChannel() {
    transport =
        new ProgrammableTransport(
            EnumSet.of(Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE),
            Clock.systemUTC());
    channel = new DefaultAgentChannel("test", transport, AgentChannelOptions.builder().build());
  }

  @AfterEach
  void closeChannel() {
    channel.close();
  }

  private ToolDefinition counting(String name, String output) {
    return ToolDefinition.of(
        name,
        "counts its runs",
        SCHEMA,
        call -> {
          runs.computeIfAbsent(call.callId(), id -> new AtomicInteger()).incrementAndGet();
          return output + ":" + call.callId();
        });
  }

  /** Answers with the calls of step n (one response per step), then with "done". */
  private void scriptSteps(List<String[]> steps) {
    AtomicInteger step = new AtomicInteger();
    transport.script(
        sent -> {
          int n = step.getAndIncrement();
          return n < steps.size() ? transport.calls(steps.get(n)) : transport.text("done");
        });
  }

  @Test
  void runs_the_tools_the_model_calls_and_returns_the_final_answer() {
    scriptSteps(List.of(new String[] {"c1:a", "c2:b"}, new String[] {"c3:a"}));
    Agent agent =
        Agent.builder(channel)
            .model("m")
            .instructions("use the tools")
            .tool(counting("a", "A"))
            .tool(counting("b", "B"))
            .build();

    AgentResult result = agent.run("go");

    assertThat(result.answer()).isEqualTo("done");
    assertThat(result.toolCalls()).isEqualTo(3);
    assertThat(result.turns()).hasSize(3);
    List<Item> outputs =
        result.transcript().stream().filter(FunctionCallOutputItem.class::isInstance).toList();
    assertThat(outputs)
        .containsExactly(
            FunctionCallOutputItem.of("c1", "A:c1"),
            FunctionCallOutputItem.of("c2", "B:c2"),
            FunctionCallOutputItem.of("c3", "A:c3"));
    assertThat(transport.sent.get(0).request().tools())
        .extracting(tool -> ((FunctionTool) tool).name())
        .containsExactly("a", "b");
    assertThat(transport.sent.get(1).request().input())
        .as("the second turn sends only the tool outputs")
        .containsExactly(
            FunctionCallOutputItem.of("c1", "A:c1"), FunctionCallOutputItem.of("c2", "B:c2"));
  }

  @Test
  void calls_of_one_response_run_in_parallel() throws Exception {
    scriptSteps(List.<String[]>of(new String[] {"c1:wait", "c2:wait"}));
    CountDownLatch both = new CountDownLatch(2);
    Agent agent =
        Agent.builder(channel)
            .model("m")
            .tool(
                ToolDefinition.of(
                    "wait",
                    "waits for the other call",
                    SCHEMA,
                    call -> {
                      both.countDown();
                      return both.await(5, TimeUnit.SECONDS) ? "together" : "alone";
                    }))
            .build();

    AgentResult result = agent.run("go");

    assertThat(result.transcript())
        .contains(
            FunctionCallOutputItem.of("c1", "together"),
            FunctionCallOutputItem.of("c2", "together"));
  }

  @Test
  void without_parallel_tool_calls_they_run_one_after_the_other_in_order() {
    scriptSteps(List.<String[]>of(new String[] {"c1:seq", "c2:seq", "c3:seq"}));
    List<String> order = new CopyOnWriteArrayList<>();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    Agent agent =
        Agent.builder(channel)
            .model("m")
            .parallelToolCalls(false)
            .tool(
                ToolDefinition.of(
                    "seq",
                    "records its order",
                    SCHEMA,
                    call -> {
                      if (running.incrementAndGet() > 1) {
                        overlap.incrementAndGet();
                      }
                      Thread.sleep(20);
                      order.add(call.callId());
                      running.decrementAndGet();
                      return "ok";
                    }))
            .build();

    agent.run("go");

    assertThat(order).containsExactly("c1", "c2", "c3");
    assertThat(overlap).hasValue(0);
    assertThat(transport.sent.get(0).request().parallelToolCalls()).isFalse();
  }

  @Test
  void a_failing_slow_or_unknown_tool_becomes_an_output_for_the_model() {
    scriptSteps(List.<String[]>of(new String[] {"c1:boom", "c2:slow", "c3:nope", "c4:async"}));
    Agent agent =
        Agent.builder(channel)
            .model("m")
            .toolTimeout(Duration.ofMillis(200))
            .tool(
                ToolDefinition.of(
                    "boom",
                    "throws",
                    SCHEMA,
                    call -> {
                      throw new IllegalStateException("disk full");
                    }))
            .tool(
                ToolDefinition.async(
                    "slow", "never answers", SCHEMA, call -> new CompletableFuture<>()))
            .tool(
                ToolDefinition.async(
                    "async",
                    "fails its stage",
                    SCHEMA,
                    call -> CompletableFuture.failedFuture(new RuntimeException("no route"))))
            .build();

    AgentResult result = agent.run("go");

    List<String> outputs =
        result.transcript().stream()
            .filter(FunctionCallOutputItem.class::isInstance)
            .map(item -> ((FunctionCallOutputItem) item).output())
            .toList();
    assertThat(outputs.get(0)).contains("boom").contains("IllegalStateException: disk full");
    assertThat(outputs.get(1)).contains("slow").contains("did not answer within PT0.2S");
    assertThat(outputs.get(2)).contains("no tool named 'nope'");
    assertThat(outputs.get(3)).contains("no route");
    assertThat(result.answer()).isEqualTo("done");
  }

  @Test
  void a_call_id_seen_again_after_a_replayed_turn_is_not_run_again() {
    // Turn 2 drops after the send and is re-issued; the model asks for c1 again.
    AtomicInteger requests = new AtomicInteger();
    transport.script(
        sent ->
            switch (requests.incrementAndGet()) {
              case 1 -> transport.calls("c1:a");
              case 2 -> new Failure(ConnectionException.afterSend("reset", null), true);
              case 3 -> transport.calls("c1:a", "c2:a");
              default -> transport.text("done");
            });
    Agent agent = Agent.builder(channel).model("m").tool(counting("a", "A")).build();

    AgentResult result = agent.run("go");

    assertThat(runs.get("c1")).hasValue(1);
    assertThat(runs.get("c2")).hasValue(1);
    assertThat(result.turns()).extracting(TurnRecord::attempts).containsExactly(1, 2, 1);
  }

  @Test
  void the_step_limit_ends_a_run_that_keeps_calling_tools() {
    AtomicInteger n = new AtomicInteger();
    transport.script(sent -> transport.calls("c" + n.incrementAndGet() + ":a"));
    Agent agent = Agent.builder(channel).model("m").maxSteps(3).tool(counting("a", "A")).build();

    assertThatThrownBy(() -> agent.run("go"))
        .isInstanceOf(StepLimitExceededException.class)
        .hasMessageContaining("3 steps");
    assertThat(transport.sent).hasSize(3);
  }

  @Test
  void the_listener_hears_deltas_tools_and_turns() {
    scriptSteps(List.<String[]>of(new String[] {"c1:a"}));
    List<String> heard = new CopyOnWriteArrayList<>();
    Agent agent =
        Agent.builder(channel)
            .model("m")
            .tool(counting("a", "A"))
            .listener(
                new AgentListener() {
                  @Override
                  public void onTextDelta(String delta) {
                    heard.add("delta " + delta);
                  }

                  @Override
                  public void onToolStart(ToolCall call) {
                    heard.add("start " + call.callId());
                  }

                  @Override
                  public void onToolEnd(
                      ToolCall call, String output, Throwable failure, Duration took) {
                    heard.add("end " + call.callId() + " " + output);
                  }

                  @Override
                  public void onTurn(TurnRecord turn) {
                    heard.add("turn " + turn.index());
                  }
                })
            .build();

    AgentResult result = agent.run("go");

    assertThat(heard).containsExactly("start c1", "end c1 A:c1", "turn 0", "delta done", "turn 1");
    assertThat(result.turns().get(0).timings().tools()).isPositive();
  }

  @Test
  void bad_definitions_are_refused_with_a_clear_message() {
    assertThatThrownBy(() -> ToolDefinition.of("bad name", "x", SCHEMA, call -> ""))
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> ToolDefinition.of("t", "x", "{not json", call -> ""))
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> Agent.builder(channel).build()).hasMessageContaining("model");
    assertThatThrownBy(
            () -> Agent.builder(channel).tool(counting("a", "A")).tool(counting("a", "B")))
        .hasMessageContaining("twice");
  }
}
