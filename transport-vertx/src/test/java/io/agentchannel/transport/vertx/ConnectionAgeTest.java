package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.ConnectionLimitReachedException;
import io.agentchannel.model.Response;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's connection age limit: typed, tracked, and survived by opening a new connection. */
class ConnectionAgeTest extends SimFixture {

  @Test
  void a_turn_refused_for_the_age_limit_fails_typed_and_the_next_goes_on_a_new_connection()
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

    Response next = channel.create(ask("after").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: after");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
  }

  @Test
  void a_connection_past_a_short_server_limit_is_replaced_and_its_age_restarts() throws Exception {
    SimServer sim = sim(o -> o.connectionLimit(Duration.ofMillis(400)));
    Transport transport = transport(options(sim).build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Instant firstOpened = session.openedAt();
    assertThat(firstOpened).isBetween(Instant.now().minusSeconds(5), Instant.now());

    // The simulator closes the idle connection once it is past its limit.
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.stats().connectionsActive() == 0);

    Response next = Turns.run(session, ask("later").build()).get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: later");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    assertThat(session.openedAt()).isAfter(firstOpened);
  }
}
