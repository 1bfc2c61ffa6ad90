package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thousand sessions, each on its own connection, complete a turn each at the same time. */
class ThousandSessionsTest extends SimFixture {

  private static final int SESSIONS = 1000;

  @Test
  void a_thousand_concurrent_sessions_complete_a_turn_each_without_an_error() throws Exception {
    SimServer sim = sim();
    // A thousand upgrades at once: give the connect phase room on a loaded machine, since this
    // test is about every session completing, not about how fast they connect.
    Transport transport = transport(options(sim).connectTimeout(Duration.ofSeconds(60)).build());

    List<CompletableFuture<TransportSession>> opening = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      opening.add(transport.open().toCompletableFuture());
    }
    List<TransportSession> sessions = new ArrayList<>();
    for (CompletableFuture<TransportSession> session : opening) {
      sessions.add(session.get(90, TimeUnit.SECONDS));
    }
    sessions.forEach(this::closeLater);
    assertThat(sim.stats().connectionsActive()).isEqualTo(SESSIONS);

    List<CompletableFuture<Response>> turns = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      turns.add(Turns.run(sessions.get(i), ask("session " + i).build()));
    }
    for (int i = 0; i < SESSIONS; i++) {
      assertThat(turns.get(i).get(30, TimeUnit.SECONDS).outputText())
          .isEqualTo("echo: session " + i);
    }

    SimStats stats = sim.stats();
    assertThat(stats.connectionsOpened()).isEqualTo(SESSIONS);
    assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(SESSIONS);
    assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_COMPLETED)).isEqualTo(SESSIONS);
    assertThat(stats.errorsByCode()).isEmpty();
  }
}
