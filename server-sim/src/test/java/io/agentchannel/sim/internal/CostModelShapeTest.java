package io.agentchannel.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.engine.TurnScript;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape the README claims for the {@code openai-like} profile, computed from the delays the
 * simulator would pay (no clock involved): a 20-tool-call rollout is about 40% faster over
 * WebSocket mode than over HTTP continuations, and the saving grows with the chain's length.
 */
class CostModelShapeTest {

  private static final CostProfile NO_JITTER =
      new CostProfile(
          CostProfile.openAiLike().httpRequestOverhead(),
          CostProfile.openAiLike().webSocketTurnOverhead(),
          CostProfile.openAiLike().rehydrationPerResponse(),
          CostProfile.openAiLike().inputTokenCost(),
          CostProfile.openAiLike().timeToFirstToken(),
          CostProfile.openAiLike().interTokenGap(),
          0);

  @Test
  void twentyToolCallsAreAboutFortyPercentFasterOverWebSocketMode() {
    double ratio =
        (double) rollout(20, Simulator.Transport.WEBSOCKET) / rollout(20, Simulator.Transport.HTTP);

    assertThat(1 - ratio).as("saving at 20 tool calls").isBetween(0.33, 0.47);
  }

  @Test
  void theSavingGrowsWithTheChain() {
    double at5 =
        1
            - (double) rollout(5, Simulator.Transport.WEBSOCKET)
                / rollout(5, Simulator.Transport.HTTP);
    double at40 =
        1
            - (double) rollout(40, Simulator.Transport.WEBSOCKET)
                / rollout(40, Simulator.Transport.HTTP);

    assertThat(at40).isGreaterThan(at5);
  }

  /** Modelled nanoseconds of a tool-loop rollout with {@code calls} calls, tool time excluded. */
  private static long rollout(int calls, Simulator.Transport transport) {
    Simulator sim = new Simulator(SimOptions.builder().cost(NO_JITTER).build(), new SimMetrics());
    FunctionTool tool =
        new FunctionTool("run_tests", "Run the unit tests of a path", null, true, Map.of());
    List<Item> input = List.of(MessageItem.user("Fix the build [sim tool_calls=" + calls + "]"));
    StoredResponse parent = null;
    long total = 0;
    for (int turn = 0; turn <= calls; turn++) {
      CreateRequest request =
          CreateRequest.builder()
              .model("tool-loop")
              .instructions("You are a build agent. Use the tools.")
              .tools(List.of(tool))
              .previousResponseId(parent == null ? null : parent.id())
              .input(input)
              .build();
      Continuation continuation =
          parent == null
              ? Continuation.none()
              : transport == Simulator.Transport.WEBSOCKET
                  ? Continuation.cached(parent)
                  : Continuation.rehydrated(parent);
      PreparedTurn prepared = sim.prepare(request, continuation, transport, null, null);
      TurnScript script = prepared.script();
      TurnScript.Step step;
      while ((step = script.next()) != null) {
        total += step.delayNanos();
      }
      Response done = script.finalResponse();
      parent = prepared.finished(done);
      List<FunctionCallItem> made = done.functionCalls();
      if (made.isEmpty()) {
        break;
      }
      input = List.of(FunctionCallOutputItem.of(made.get(0).callId(), "ok: 41 passed"));
    }
    return total;
  }
}
