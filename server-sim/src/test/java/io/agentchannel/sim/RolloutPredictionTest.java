package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.NetworkProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predicted rollout time adds up the cost profile's terms and the network's round trips. */
class RolloutPredictionTest {

  private static final Duration ZERO = Duration.ZERO;

  private static CreateRequest rollout(int calls) {
    return CreateRequest.builder()
        .model("tool-loop")
        .tools(List.of(new FunctionTool("run_tests", "Run the tests", null, true, Map.of())))
        .input(List.of(MessageItem.user("fix it [sim tool_calls=" + calls + "]")))
        .build();
  }

  private static Duration predict(
      CostProfile cost,
      NetworkProfile network,
      boolean tls,
      RolloutPrediction.Path path,
      int calls) {
    SimOptions options = SimOptions.builder().cost(cost).network(network).tls(tls).build();
    return RolloutPrediction.toolLoop(options, path, rollout(calls), "ok", 100);
  }

  @Test
  void fixedOverheadsArePaidOncePerTurn() {
    CostProfile cost =
        new CostProfile(Duration.ofMillis(80), Duration.ofMillis(10), ZERO, ZERO, ZERO, ZERO, 0.5);
    // Three calls: four turns. Jitter is taken at its mean.
    assertThat(predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.HTTP, 3))
        .isEqualTo(Duration.ofMillis(4 * 80));
    assertThat(predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.WEBSOCKET, 3))
        .isEqualTo(Duration.ofMillis(4 * 10));
  }

  @Test
  void httpContinuationsRehydrateTheWholeChainAndWebSocketOnesNothing() {
    CostProfile cost = new CostProfile(ZERO, ZERO, Duration.ofMillis(14), ZERO, ZERO, ZERO, 0);
    // Continuations over chains of 1, 2 and 3 stored responses.
    assertThat(predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.HTTP, 3))
        .isEqualTo(Duration.ofMillis(14 * (1 + 2 + 3)));
    assertThat(predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.WEBSOCKET, 3))
        .isEqualTo(ZERO);
  }

  @Test
  void networkPaysConnectTlsUpgradeAndOneRoundTripPerTurn() {
    NetworkProfile net = NetworkProfile.of(Duration.ofMillis(20), 0);
    CostProfile none = CostProfile.instant();
    assertThat(predict(none, net, false, RolloutPrediction.Path.HTTP, 3))
        .isEqualTo(Duration.ofMillis(20 * (1 + 4)));
    assertThat(predict(none, net, true, RolloutPrediction.Path.HTTP, 3))
        .isEqualTo(Duration.ofMillis(20 * (2 + 4)));
    assertThat(predict(none, net, true, RolloutPrediction.Path.WEBSOCKET, 3))
        .isEqualTo(Duration.ofMillis(20 * (3 + 4)));
  }

  @Test
  void openAiLikeGivesTheReadmeShapeAtTwentyCalls() {
    CostProfile cost = CostProfile.openAiLike();
    double http =
        predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.HTTP, 20).toNanos();
    double ws =
        predict(cost, NetworkProfile.none(), false, RolloutPrediction.Path.WEBSOCKET, 20).toNanos();
    assertThat(1 - ws / http).isBetween(0.33, 0.47);
  }

  @Test
  void aModelThatKeepsCallingPastTheGuardIsRefused() {
    SimOptions options = SimOptions.builder().build();
    assertThatThrownBy(
            () ->
                RolloutPrediction.toolLoop(
                    options, RolloutPrediction.Path.HTTP, rollout(10), "ok", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 5 turns");
  }
}
