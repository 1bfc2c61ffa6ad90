package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentchannel.AgentChannel;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server that drops, stalls or talks nonsense: typed errors, never a hang. */
class FaultsTest extends SimFixture {

  @Test
  void a_mid_stream_drop_fails_the_response_as_possibly_sent() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    Throwable dropped =
        catchThrowable(
            () ->
                channel
                    .create(ask("hi").metadata(Map.of("sim_fault", "close_after:3")).build())
                    .drain()
                    .get(20, TimeUnit.SECONDS));
    assertThat(dropped.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) dropped.getCause()).requestMayHaveBeenSent()).isTrue();

    // The channel carries on over a new connection.
    Response next = channel.create(ask("still there?").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: still there?");
  }

  @Test
  void a_stalled_stream_fails_with_the_idle_phase() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim, Map.of("agentchannel.timeout.idle", "300ms"));
    long start = System.nanoTime();
    Throwable stalled =
        catchThrowable(
            () ->
                channel
                    .create(ask("hi").metadata(Map.of("sim_fault", "stall_after:2")).build())
                    .drain()
                    .get(20, TimeUnit.SECONDS));
    assertThat(stalled.getCause()).isInstanceOf(PhaseTimeoutException.class);
    assertThat(((PhaseTimeoutException) stalled.getCause()).phase())
        .isEqualTo(PhaseTimeoutException.Phase.IDLE);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

    // On v1 the connection's state is unknown after a timeout: the next turn uses a new one.
    Response next = channel.create(ask("again").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: again");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
  }

  @Test
  void a_malformed_frame_is_a_protocol_violation() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    Throwable malformed =
        catchThrowable(
            () ->
                channel
                    .create(ask("hi").metadata(Map.of("sim_fault", "malformed_after:2")).build())
                    .drain()
                    .get(20, TimeUnit.SECONDS));
    assertThat(malformed.getCause()).isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void a_close_frame_before_the_terminal_event_fails_the_response() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    Throwable closed =
        catchThrowable(
            () ->
                channel
                    .create(ask("hi").metadata(Map.of("sim_fault", "ws_close:1011:2")).build())
                    .drain()
                    .get(20, TimeUnit.SECONDS));
    assertThat(closed.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(closed.getCause().getMessage()).contains("1011");
  }
}
