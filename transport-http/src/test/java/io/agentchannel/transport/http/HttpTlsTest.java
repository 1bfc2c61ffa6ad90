package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.failureOf;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS with the simulator's certificate: verification on, HTTP/2 through ALPN. */
class HttpTlsTest {

  private static SimServer sim;

  /** Each token takes 10 ms, so that concurrent responses overlap for sure. */
  private static final CostProfile OVERLAPPING =
      new CostProfile(
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofMillis(10),
          0);

  @BeforeAll
  static void startSimulator() {
    sim =
        SimServer.start(
            SimOptions.builder().apiKeys(SimChannels.KEY).tls(true).cost(OVERLAPPING).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static AgentChannelOptions.Builder trusting() {
    return options(sim).trustStore(sim.trustStore());
  }

  @Test
  void streams_over_tls_when_the_simulators_certificate_is_trusted() throws Exception {
    assertThat(sim.baseUrl().getScheme()).isEqualTo("https");
    try (AgentChannel channel = AgentChannels.create(trusting().build())) {
      Response response = channel.create(echo("secure").build()).drain().get(10, TimeUnit.SECONDS);

      assertThat(response.outputText()).isEqualTo("echo: secure");
    }
  }

  @Test
  void without_the_trust_store_the_handshake_fails_with_a_connection_exception_not_sent() {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      Throwable error = failureOf(channel.create(echo("insecure").build()).drain(), 10);

      assertThat(error).isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
      assertThat(error.getMessage()).contains("TLS handshake");
    }
  }

  @Test
  void http2_multiplexes_concurrent_responses_on_one_connection() throws Exception {
    try (SimServer own =
            SimServer.start(
                SimOptions.builder().apiKeys(SimChannels.KEY).tls(true).cost(OVERLAPPING).build());
        AgentChannel channel =
            AgentChannels.create(options(own).trustStore(own.trustStore()).build())) {
      channel.create(echo("first").build()).drain().get(10, TimeUnit.SECONDS);

      assertThat(concurrentTurns(channel, 4)).allMatch(r -> r.status().equals("completed"));
      assertThat(own.stats().connectionsOpened()).isEqualTo(1);
    }
  }

  @Test
  void with_http_1_1_forced_concurrent_responses_need_a_connection_each() throws Exception {
    try (SimServer own =
            SimServer.start(
                SimOptions.builder().apiKeys(SimChannels.KEY).tls(true).cost(OVERLAPPING).build());
        AgentChannel channel =
            AgentChannels.create(
                options(own)
                    .trustStore(own.trustStore())
                    .setting(HttpTransportOptions.VERSION_KEY, "http/1.1")
                    .build())) {
      channel.create(echo("first").build()).drain().get(10, TimeUnit.SECONDS);

      assertThat(concurrentTurns(channel, 4)).allMatch(r -> r.status().equals("completed"));
      assertThat(own.stats().connectionsOpened()).isEqualTo(4);
    }
  }

  private static List<Response> concurrentTurns(AgentChannel channel, int n) throws Exception {
    List<CompletableFuture<Response>> turns =
        IntStream.range(0, n)
            .mapToObj(i -> channel.create(echo("[sim answer_tokens=30] c" + i).build()).drain())
            .toList();
    CompletableFuture.allOf(turns.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
    return turns.stream().map(CompletableFuture::join).toList();
  }
}
