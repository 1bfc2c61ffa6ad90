package io.agentchannel.transport.websocket;

import static io.agentchannel.transport.websocket.Fixtures.faulty;
import static io.agentchannel.transport.websocket.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.WebSocketModeUnavailableException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.testing.MutableClock;
import io.agentchannel.transport.websocket.internal.JakartaWebSocketTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Refused upgrades, drops, stalls and the connection age limit, against the real simulator. */
class FailureTest {

  private static Throwable failureOf(Runnable action) {
    try {
      action.run();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  private static SimServer v1(SimOptions.Builder builder) {
    return SimServer.start(builder.apiKeys(Fixtures.KEY).webSocketMode(WebSocketMode.V1).build());
  }

  @Test
  void an_upgrade_answered_426_is_the_typed_websocket_mode_unavailable_error() {
    try (SimServer sim =
            SimServer.start(
                SimOptions.builder()
                    .apiKeys(Fixtures.KEY)
                    .webSocketMode(WebSocketMode.OFF)
                    .build());
        AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      Throwable error = failureOf(() -> channel.create(turn("hi")).drain().join());
      assertThat(error).isInstanceOf(WebSocketModeUnavailableException.class);
      assertThat(((ApiException) error).status()).isEqualTo(426);
    }
  }

  @Test
  void an_upgrade_answered_401_is_an_authentication_error_without_the_key() {
    try (SimServer sim = v1(SimOptions.builder());
        AgentChannel channel =
            AgentChannels.create(Fixtures.options(sim).apiKey("sk-wrong-key-123").build())) {
      Throwable error = failureOf(() -> channel.create(turn("hi")).drain().join());
      assertThat(error).isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).status()).isEqualTo(401);
      assertThat(error.getMessage()).doesNotContain("sk-wrong-key-123");
    }
  }

  @Test
  void other_upgrade_statuses_are_typed_with_their_status() {
    try (SimServer sim = v1(SimOptions.builder())) {
      AgentChannelOptions options = Fixtures.options(sim).build();
      try (JakartaWebSocketTransport transport =
          new JakartaWebSocketTransport(
              options,
              WebSocketTransportOptions.from(options),
              Map.of("x-sim-fault", "status:503"))) {
        Throwable error = failureOf(() -> transport.open().toCompletableFuture().join());
        assertThat(error).isInstanceOf(ApiException.class);
        assertThat(((ApiException) error).status()).isEqualTo(503);
      }
      try (JakartaWebSocketTransport transport =
          new JakartaWebSocketTransport(
              options,
              WebSocketTransportOptions.from(options),
              Map.of("x-sim-fault", "status:429"))) {
        Throwable error = failureOf(() -> transport.open().toCompletableFuture().join());
        assertThat(((ApiException) error).status()).isEqualTo(429);
      }
    }
  }

  @Test
  void an_upgrade_that_gets_no_answer_times_out_in_the_connect_phase() throws Exception {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (java.net.Socket ignored = silent.accept()) {
                  Thread.sleep(10_000); // reads nothing, answers nothing
                } catch (Exception closed) {
                  // the test is over
                }
              },
              "test-silent-server");
      acceptor.setDaemon(true);
      acceptor.start();
      AgentChannelOptions options =
          AgentChannelOptions.builder()
              .baseUrl("http://127.0.0.1:" + silent.getLocalPort() + "/v1")
              .apiKey(Fixtures.KEY)
              .connectTimeout(Duration.ofMillis(300))
              .build();
      try (JakartaWebSocketTransport transport =
          new JakartaWebSocketTransport(options, WebSocketTransportOptions.from(options))) {
        long start = System.nanoTime();
        Throwable error = failureOf(() -> transport.open().toCompletableFuture().join());
        assertThat(error).isInstanceOf(PhaseTimeoutException.class);
        assertThat(((PhaseTimeoutException) error).phase())
            .isEqualTo(PhaseTimeoutException.Phase.CONNECT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
      acceptor.interrupt();
    }
  }

  @Test
  void a_tcp_connect_that_hangs_times_out_in_the_connect_phase() throws Exception {
    // A listener whose backlog is full and never accepts: the kernel drops further SYNs, so the
    // next TCP connect hangs (Linux), before any upgrade could start.
    try (java.net.ServerSocket full =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.List<java.net.Socket> fillers = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          java.net.Socket filler = new java.net.Socket();
          try {
            filler.connect(full.getLocalSocketAddress(), 200);
            fillers.add(filler);
          } catch (java.io.IOException backlogFull) {
            filler.close();
            break;
          }
        }
        AgentChannelOptions options =
            AgentChannelOptions.builder()
                .baseUrl("http://127.0.0.1:" + full.getLocalPort() + "/v1")
                .apiKey(Fixtures.KEY)
                .connectTimeout(Duration.ofMillis(300))
                .build();
        try (JakartaWebSocketTransport transport =
            new JakartaWebSocketTransport(options, WebSocketTransportOptions.from(options))) {
          long start = System.nanoTime();
          Throwable error = failureOf(() -> transport.open().toCompletableFuture().join());
          assertThat(error).isInstanceOf(PhaseTimeoutException.class);
          assertThat(((PhaseTimeoutException) error).phase())
              .isEqualTo(PhaseTimeoutException.Phase.CONNECT);
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
      } finally {
        for (java.net.Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }

  @Test
  void a_drop_mid_stream_fails_the_response_as_possibly_sent_and_the_next_turn_reconnects() {
    try (SimServer sim = v1(SimOptions.builder());
        AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      Throwable error =
          failureOf(
              () ->
                  channel
                      .create(faulty("hello [sim answer_tokens=20]", "close_after:3"))
                      .drain()
                      .join());
      assertThat(error).isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isTrue();

      assertThat(channel.create(turn("again")).drain().join().outputText()).contains("again");
      assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
      assertThat(sim.stats().turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(2);
    }
  }

  @Test
  void a_stalled_response_times_out_and_the_connection_is_replaced() {
    try (SimServer sim = v1(SimOptions.builder());
        AgentChannel channel =
            AgentChannels.create(
                Fixtures.options(sim).idleTimeout(Duration.ofMillis(300)).build())) {
      Throwable error =
          failureOf(
              () ->
                  channel
                      .create(faulty("hello [sim answer_tokens=20]", "stall_after:2"))
                      .drain()
                      .join());
      assertThat(error).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) error).phase())
          .isEqualTo(PhaseTimeoutException.Phase.IDLE);

      assertThat(channel.create(turn("again")).drain().join().outputText()).contains("again");
      assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    }
  }

  @Test
  void past_the_server_age_limit_a_turn_fails_with_the_connection_limit_error() {
    MutableClock clock = new MutableClock();
    try (SimServer sim =
        v1(SimOptions.builder().connectionLimit(Duration.ofMinutes(5)).clock(clock))) {
      AgentChannelOptions options = Fixtures.options(sim).build();
      try (JakartaWebSocketTransport transport =
          new JakartaWebSocketTransport(options, WebSocketTransportOptions.from(options))) {
        TransportSession session = transport.open().toCompletableFuture().join();
        BufferedResponseStream first = new BufferedResponseStream(64);
        session.send(turn("before the limit"), first);
        assertThat(first.drain().join().outputText()).contains("before");

        clock.advance(Duration.ofMinutes(6));
        BufferedResponseStream late = new BufferedResponseStream(64);
        session.send(turn("after the limit"), late);
        Throwable error = failureOf(() -> late.drain().join());
        assertThat(error).isInstanceOf(ConnectionLimitReachedException.class);
        assertThat(((ApiException) error).code()).isEqualTo("websocket_connection_limit_reached");
        assertThat(session.isOpen()).isFalse();

        // A new connection starts a new age.
        TransportSession fresh = transport.open().toCompletableFuture().join();
        BufferedResponseStream again = new BufferedResponseStream(64);
        fresh.send(turn("on a new connection"), again);
        assertThat(again.drain().join().outputText()).contains("new connection");
      }
    }
  }

  @Test
  void a_channel_rotates_to_a_new_connection_after_the_connection_limit() {
    MutableClock clock = new MutableClock();
    try (SimServer sim =
            v1(SimOptions.builder().connectionLimit(Duration.ofMinutes(5)).clock(clock));
        AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      channel.create(turn("one")).drain().join();
      clock.advance(Duration.ofMinutes(6));
      // The first turn past the limit may be refused (typed) or, if the server's idle sweep told
      // the connection first, go straight to a new one; the turn after it always works.
      try {
        channel.create(turn("two")).drain().join();
      } catch (CompletionException refused) {
        assertThat(refused.getCause()).isInstanceOf(ConnectionLimitReachedException.class);
      }
      assertThat(channel.create(turn("three")).drain().join().outputText()).contains("three");
      assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    }
  }
}
