package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.testing.RawServer;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Keep-alive pings, the dead-peer timeout, and rotation by connection age. */
class KeepAliveTest extends SimFixture {

  @Test
  void a_peer_that_answers_nothing_is_pinged_then_given_up_with_a_typed_error() throws Exception {
    RawServer peer = closeLater(RawServer.webSocket());
    Transport transport =
        transport(
            options(sim())
                .baseUrl(peer.baseUrl())
                .setting("agentchannel.vertx.ping-interval", "100ms")
                .setting("agentchannel.vertx.dead-peer-timeout", "600ms")
                .build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    long start = System.nanoTime();
    Throwable dead =
        catchThrowable(() -> Turns.run(session, ask("anyone?").build()).get(20, TimeUnit.SECONDS));
    assertThat(dead.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) dead.getCause()).requestMayHaveBeenSent()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(peer.frames(RawServer.OPCODE_TEXT)).isEqualTo(1);
    assertThat(peer.frames(RawServer.OPCODE_PING)).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a_live_idle_connection_is_kept_by_its_pongs() throws Exception {
    SimServer sim = sim();
    Transport transport =
        transport(
            options(sim)
                .setting("agentchannel.vertx.ping-interval", "100ms")
                .setting("agentchannel.vertx.dead-peer-timeout", "400ms")
                .build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Thread.sleep(1_200); // three dead-peer timeouts of silence but for the pongs
    Response response = Turns.run(session, ask("still here").build()).get(20, TimeUnit.SECONDS);
    assertThat(response.outputText()).isEqualTo("echo: still here");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(1);
  }

  @Test
  void a_connection_past_rotate_after_takes_no_new_work_and_closes() throws Exception {
    SimServer sim = sim();
    Transport transport =
        transport(options(sim).setting("agentchannel.vertx.rotate-after", "300ms").build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Turns.run(session, ask("one").build()).get(20, TimeUnit.SECONDS);
    Thread.sleep(400);
    Response later = Turns.run(session, ask("two").build()).get(20, TimeUnit.SECONDS);
    assertThat(later.outputText()).isEqualTo("echo: two");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.stats().connectionsActive() == 1);
  }
}
