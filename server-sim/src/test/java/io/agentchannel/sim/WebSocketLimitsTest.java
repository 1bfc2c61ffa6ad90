package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection age limit, driven by a test clock: a create past it is refused with {@code
 * websocket_connection_limit_reached} and the socket closes once the responses in flight have
 * finished; an idle connection past it is told so by the server's periodic sweep.
 */
class WebSocketLimitsTest extends WebSocketTestSupport {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.startingNow();

  @Test
  void a_create_past_the_age_limit_is_refused_and_the_socket_closes_once_the_turn_in_flight_ends() {
    // The slow turn keeps the connection busy, so the idle sweep cannot be the one that answers.
    SimServer sim =
        start(
            SimOptions.builder()
                .clock(clock)
                .connectionLimit(LIMIT)
                .cost(modelLatency(Duration.ofMillis(800), Duration.ZERO)));
    SimSocket socket = connect(sim);
    socket.send(create("echo", "slow").put("stream_id", "slow").toString());
    socket.until(ofType("response.in_progress"));

    clock.advance(LIMIT.plusSeconds(1));
    socket.send(create("echo", "too late").toString());

    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "websocket_connection_limit_reached", null);
    assertThat(error.path("error").path("message").asText()).contains("10 seconds");
    assertThat(socket.isClosed()).as("the accepted turn is still running").isFalse();
    List<JsonNode> rest = socket.untilTerminal();
    JsonNode finished = rest.get(rest.size() - 1);
    assertThat(type(finished)).isEqualTo("response.completed");
    assertThat(finished.path("stream_id").asText()).isEqualTo("slow");
    assertThat(socket.awaitClose()).isEqualTo((short) 1000);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              SimStats stats = sim.stats();
              assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_COMPLETED)).isEqualTo(1);
              assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_CANCELLED)).isZero();
              assertThat(stats.errors("websocket_connection_limit_reached")).isEqualTo(1);
              assertThat(stats.connectionsActive()).isZero();
            });
  }

  @Test
  void an_idle_connection_past_the_age_limit_is_told_and_closed() {
    SimServer sim = start(SimOptions.builder().clock(clock).connectionLimit(LIMIT));
    SimSocket socket = connect(sim);
    assertStillServes(socket);

    // Younger than the limit: the sweep, which runs every 250 ms, leaves it alone.
    clock.advance(LIMIT.minusSeconds(1));
    assertThat(socket.frameWithin(600)).isFalse();
    assertThat(socket.isClosed()).isFalse();

    clock.advance(Duration.ofSeconds(2));
    await().atMost(Duration.ofSeconds(5)).until(socket::isClosed);
    JsonNode told = socket.next();
    assertErrorFrame(told, 400, "websocket_connection_limit_reached", null);
    assertThat(told.has("stream_id")).isFalse();
    assertThat(socket.awaitClose()).isEqualTo((short) 1000);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(sim.stats().connectionsActive()).isZero());
  }

  @Test
  void the_connection_limit_fault_refuses_at_once_without_waiting_for_the_clock() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);

    socket.send(
        create("echo", "now")
            .set("metadata", JSON.createObjectNode().put("sim_fault", "connection_limit"))
            .toString());

    assertErrorFrame(socket.next(), 400, "websocket_connection_limit_reached", null);
    assertThat(socket.awaitClose()).isEqualTo((short) 1000);
  }
}
