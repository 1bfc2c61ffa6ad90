package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.WebSocketModeUnavailableException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.spi.Transport;
import io.agentchannel.transport.vertx.internal.VertxTransport;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The upgrade: what each refusal becomes, and that the key never shows. */
class UpgradeTest extends SimFixture {

  @Test
  void a_426_is_the_typed_websocket_mode_unavailable_error() {
    SimServer sim = sim(o -> o.webSocketMode(WebSocketMode.OFF));
    Transport transport = transport(options(sim).build());
    Throwable refused = failureOf(transport);
    assertThat(refused).isInstanceOf(WebSocketModeUnavailableException.class);
    assertThat(((ApiException) refused).status()).isEqualTo(426);

    // Through a channel, the stream fails with the same error.
    AgentChannel channel = channel(sim);
    Throwable viaChannel = catchThrowable(() -> channel.create(ask("hi").build()).drain().join());
    assertThat(viaChannel.getCause()).isInstanceOf(WebSocketModeUnavailableException.class);
  }

  @Test
  void a_401_is_an_api_error_with_the_status_and_no_key_in_the_message() {
    SimServer sim = sim();
    Transport transport = transport(options(sim).apiKey("sk-wrong-secret-1234").build());
    Throwable refused = failureOf(transport);
    assertThat(refused).isInstanceOf(ApiException.class);
    assertThat(((ApiException) refused).status()).isEqualTo(401);
    assertThat(refused.toString()).doesNotContain("sk-wrong-secret-1234");
  }

  @Test
  void other_upgrade_statuses_are_typed_with_their_status_and_retry_after() {
    SimServer sim = sim();
    AgentChannelOptions options = options(sim).build();
    Transport unavailable =
        closeLater(
            new VertxTransport(
                options,
                VertxTransportOptions.defaults(),
                null,
                Map.of("x-sim-fault", "status:503")));
    Throwable error = failureOf(unavailable);
    assertThat(error).isInstanceOf(ApiException.class);
    assertThat(((ApiException) error).status()).isEqualTo(503);

    Transport limited =
        closeLater(
            new VertxTransport(
                options,
                VertxTransportOptions.defaults(),
                null,
                Map.of("x-sim-fault", "status:429:7")));
    Throwable rateLimited = failureOf(limited);
    assertThat(((ApiException) rateLimited).status()).isEqualTo(429);
    assertThat(((ApiException) rateLimited).retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void a_refused_tcp_connection_is_a_connection_error_that_was_not_sent() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Transport transport =
        transport(
            options(sim()).baseUrl(URI.create("http://127.0.0.1:" + closedPort + "/v1")).build());
    Throwable refused = failureOf(transport);
    assertThat(refused).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) refused).requestMayHaveBeenSent()).isFalse();
    assertThat(refused.getMessage()).contains("ws://127.0.0.1:" + closedPort + "/v1/responses");
  }

  @Test
  void an_upgrade_that_never_answers_times_out_in_the_connect_phase() throws Exception {
    try (ServerSocket silent = new ServerSocket(0)) { // accepts (backlog), never answers
      Transport transport =
          transport(
              options(sim())
                  .baseUrl(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/v1"))
                  .connectTimeout(Duration.ofMillis(300))
                  .build());
      Throwable timedOut = failureOf(transport);
      assertThat(timedOut).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) timedOut).phase())
          .isEqualTo(PhaseTimeoutException.Phase.CONNECT);
    }
  }

  static Throwable failureOf(Transport transport) {
    Throwable failure =
        catchThrowable(
            () -> transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS).close());
    assertThat(failure).isNotNull();
    Throwable cause = failure.getCause();
    return cause instanceof CompletionException && cause.getCause() != null
        ? cause.getCause()
        : cause;
  }
}
