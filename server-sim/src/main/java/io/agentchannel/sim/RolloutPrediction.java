package io.agentchannel.sim;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.NetworkProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.engine.TurnScript;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The time the simulator's cost model says a tool-loop rollout must take: the lower bound a client
 * can approach but not beat, so that a benchmark can show its own overhead as measured minus
 * predicted.
 *
 * <p>The server's share is computed by running the rollout's turns through the simulator's own turn
 * planner without a clock, summing every delay it would pay ({@link CostProfile}) with jitter taken
 * at its mean (no spread). The network's share counts round trips on the {@link NetworkProfile}:
 * one for the TCP connect, one for a TLS 1.3 handshake when TLS is on, one for the WebSocket
 * upgrade on the WebSocket path, and one per turn (request out, first bytes back). Bandwidth,
 * network jitter, tool execution time and the client's own work are not counted. Over HTTP every
 * continuation is rehydrated from the store; over WebSocket mode every continuation hits the
 * connection cache.
 *
 * <p>Stateless and thread-safe.
 */
public final class RolloutPrediction {

  /** The two ways a rollout reaches the server. */
  public enum Path {
    /** One HTTP request per turn, continuing with {@code previous_response_id} from the store. */
    HTTP,
    /** One WebSocket connection, each turn continuing from the connection cache. */
    WEBSOCKET
  }

  private RolloutPrediction() {}

  /**
   * The predicted end-to-end time of a rollout that starts with {@code first} (its model normally
   * {@code tool-loop}) and answers every function call with {@code toolOutput}, until the model
   * answers without calls.
   *
   * @param maxTurns a guard against a model that never stops calling tools
   * @throws IllegalArgumentException if the rollout needs more than {@code maxTurns} turns
   */
  public static Duration toolLoop(
      SimOptions options, Path path, CreateRequest first, String toolOutput, int maxTurns) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(toolOutput, "toolOutput");
    CostProfile c = options.cost();
    CostProfile noJitter =
        new CostProfile(
            c.httpRequestOverhead(),
            c.webSocketTurnOverhead(),
            c.rehydrationPerResponse(),
            c.inputTokenCost(),
            c.timeToFirstToken(),
            c.interTokenGap(),
            0);
    Simulator sim =
        new Simulator(
            options.toBuilder().cost(noJitter).network(NetworkProfile.none()).build(),
            new SimMetrics());
    Simulator.Transport transport =
        path == Path.HTTP ? Simulator.Transport.HTTP : Simulator.Transport.WEBSOCKET;
    long serverNanos = 0;
    int turns = 0;
    StoredResponse parent = null;
    CreateRequest request = first;
    while (true) {
      if (++turns > maxTurns) {
        throw new IllegalArgumentException("the rollout needs more than " + maxTurns + " turns");
      }
      Continuation continuation =
          parent == null
              ? Continuation.none()
              : path == Path.WEBSOCKET
                  ? Continuation.cached(parent)
                  : Continuation.rehydrated(parent);
      PreparedTurn prepared = sim.prepare(request, continuation, transport, null, null);
      TurnScript script = prepared.script();
      TurnScript.Step step;
      while ((step = script.next()) != null) {
        serverNanos += step.delayNanos();
      }
      Response done = script.finalResponse();
      parent = prepared.finished(done);
      List<FunctionCallItem> calls = done.functionCalls();
      if (calls.isEmpty()) {
        break;
      }
      List<Item> outputs = new ArrayList<>();
      for (FunctionCallItem call : calls) {
        outputs.add(FunctionCallOutputItem.of(call.callId(), toolOutput));
      }
      request = first.toBuilder().previousResponseId(parent.id()).input(outputs).build();
    }
    return Duration.ofNanos(serverNanos).plus(networkTime(options, path, turns));
  }

  /** The round trips a rollout of {@code turns} turns pays on the emulated network. */
  static Duration networkTime(SimOptions options, Path path, int turns) {
    int roundTrips = 1 + (options.tls() ? 1 : 0) + (path == Path.WEBSOCKET ? 1 : 0) + turns;
    return options.network().roundTrip().multipliedBy(roundTrips);
  }
}
