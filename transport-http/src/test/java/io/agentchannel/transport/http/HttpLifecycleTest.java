package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.failureOf;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Closing releases every thread and fails what is in flight; settings are checked. */
class HttpLifecycleTest {

  private static SimServer sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  /** Threads a transport starts: its executor and timer, and the JDK client's selector. */
  private static List<String> transportThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("agentchannel-http-") || name.startsWith("HttpClient-"))
        .toList();
  }

  @Test
  void closing_the_channel_stops_every_thread_the_transport_started() throws Exception {
    List<String> before = transportThreads();
    for (int i = 0; i < 3; i++) {
      oneTurnThenClose(i, before.size());
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              // JDK 17's client has no close(): its selector thread ends once the client is
              // unreachable, which a collection notices.
              System.gc();
              assertThat(transportThreads()).isSubsetOf(before);
            });
  }

  /** In its own frame, so that no stack slot keeps the closed channel reachable. */
  private static void oneTurnThenClose(int turn, int threadsBefore) throws Exception {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      channel.create(echo("turn " + turn).build()).drain().get(10, TimeUnit.SECONDS);
      assertThat(transportThreads()).hasSizeGreaterThan(threadsBefore);
    }
  }

  @Test
  void closing_the_transport_fails_a_response_in_flight_and_refuses_new_sessions()
      throws Exception {
    Transport transport = new HttpTransportProvider().create(options(sim).build());
    TransportSession session = transport.open().toCompletableFuture().get(5, TimeUnit.SECONDS);
    BufferedResponseStream stream = new BufferedResponseStream(16);
    stream.subscribe(new SimChannels.Recorder());
    session.send(echo("[sim answer_tokens=100000] long").build(), stream);

    transport.close();

    Throwable error = failureOf(stream.completion(), 10);
    assertThat(error).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isTrue();
    assertThat(session.isOpen()).isFalse();
    Throwable refused = failureOf(transport.open().toCompletableFuture(), 5);
    assertThat(refused).isInstanceOf(ConnectionException.class);
    BufferedResponseStream late = new BufferedResponseStream(16);
    late.subscribe(new SimChannels.Recorder());
    session.send(echo("late").build(), late);
    Throwable notSent = failureOf(late.completion(), 5);
    assertThat(((ConnectionException) notSent).requestMayHaveBeenSent()).isFalse();
    transport.close(); // idempotent
  }

  @Test
  void reads_its_settings_and_rejects_bad_ones_naming_the_key() {
    HttpTransportOptions read =
        HttpTransportOptions.from(
            options(sim)
                .setting(HttpTransportOptions.VERSION_KEY, "HTTP/1.1")
                .setting(HttpTransportOptions.MAX_EVENT_BYTES_KEY, "2048")
                .build());
    assertThat(read)
        .isEqualTo(
            new HttpTransportOptions(
                HttpTransportOptions.Version.HTTP_1_1,
                2048,
                HttpTransportOptions.DEFAULT_MAX_ERROR_BODY_BYTES));
    assertThat(HttpTransportOptions.from(options(sim).build()))
        .isEqualTo(HttpTransportOptions.defaults());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new HttpTransportProvider()
                    .create(options(sim).setting(HttpTransportOptions.VERSION_KEY, "h3").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(HttpTransportOptions.VERSION_KEY)
        .hasMessageContaining("h3");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                HttpTransportOptions.from(
                    options(sim).setting(HttpTransportOptions.MAX_EVENT_BYTES_KEY, "10").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(HttpTransportOptions.MAX_EVENT_BYTES_KEY);
  }
}
