package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentchannel.AgentChannel;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's connection age limit: typed, tracked, and survived by opening a new connection. */
class ConnectionAgeTest extends SimFixture {

  @Test
  void a_turn_refused_for_the_age_limit_is_tried_once_more_on_a_new_connection_then_fails_typed()
      throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    channel.create(ask("first").build()).drain().get(20, TimeUnit.SECONDS);
    Throwable limited =
        catchThrowable(
            () ->
                channel
                    .create(ask("hi").metadata(Map.of("sim_fault", "connection_limit")).build())
                    .drain()
                    .get(20, TimeUnit.SECONDS));
    assertThat(limited.getCause()).isInstanceOf(ConnectionLimitReachedException.class);
    assertThat(((ConnectionLimitReachedException) limited.getCause()).code())
        .isEqualTo("websocket_connection_limit_reached");
    // The refusal (the fault rides in the request) came on the first connection and on the
    // second, which the pool opened for the one retry the server's "not run" allows.
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    assertThat(sim.stats().errorsByCode()).containsEntry("websocket_connection_limit_reached", 2L);

    Response next = channel.create(ask("after").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: after");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(3);
  }

  @Test
  void a_connection_past_a_short_server_limit_is_replaced_and_its_age_restarts() throws Exception {
    SimServer sim = sim(o -> o.connectionLimit(Duration.ofMillis(400)));
    Transport transport = transport(options(sim).build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Instant firstOpened = session.openedAt();
    assertThat(firstOpened).isBetween(Instant.now().minusSeconds(5), Instant.now());

    // Past the limit: whether the simulator's sweep has closed the idle connection by the time the
    // turn goes out, or the turn reaches it first and is refused, the turn runs on a new one.
    Thread.sleep(500);

    Response next = Turns.run(session, ask("later").build()).get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: later");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    assertThat(session.openedAt()).isAfter(firstOpened);
  }
}
