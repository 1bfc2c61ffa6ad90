package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.deltaText;
import static io.agentchannel.sim.HttpTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.NetworkProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.sim.testing.SseEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server behind the emulated network path: clients reach it through the delay proxy and pay the
 * path's round trips. Only lower bounds are asserted; a loaded machine may always be slower.
 */
class NetworkEmulationTest {

  private static final Duration RTT = Duration.ofMillis(100);

  @Test
  void clientsConnectToTheProxyNotTheServer() {
    try (SimServer sim =
        SimServer.start(SimOptions.builder().network(NetworkProfile.of(RTT, 0)).build())) {
      assertThat(sim.port()).isNotEqualTo(sim.directPort());
      assertThat(sim.baseUrl().getPort()).isEqualTo(sim.port());
      assertThat(sim.webSocketUrl().getPort()).isEqualTo(sim.port());
    }
    try (SimServer direct = SimServer.start(SimOptions.defaults())) {
      assertThat(direct.port()).isEqualTo(direct.directPort());
    }
  }

  @Test
  void streamedTurnOnAFreshConnectionPaysTheConnectAndTheRequestRoundTrips() {
    try (SimServer sim =
        SimServer.start(SimOptions.builder().network(NetworkProfile.of(RTT, 0)).build())) {
      // A new client, so a new connection: one round trip to connect, one for request and answer.
      SimHttp fresh = new SimHttp(sim);
      long start = System.nanoTime();
      List<SseEvent> events = fresh.stream(create("echo", "far away", true).toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(types(events)).endsWith("response.completed");
      assertThat(deltaText(events)).isEqualTo("echo: far away");
      assertThat(took).isGreaterThanOrEqualTo(RTT.multipliedBy(2));
    }
  }

  @Test
  void webSocketTurnThroughTheProxyPaysAtLeastOneRoundTrip() {
    Vertx vertx = Vertx.vertx();
    try (SimServer sim =
            SimServer.start(SimOptions.builder().network(NetworkProfile.of(RTT, 0)).build());
        SimSocket socket = SimSocket.connect(vertx, sim)) {
      long start = System.nanoTime();
      socket.send("{\"type\":\"response.create\",\"model\":\"echo\",\"input\":\"over the ocean\"}");
      List<?> frames = socket.untilTerminal();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(frames).isNotEmpty();
      assertThat(took).isGreaterThanOrEqualTo(RTT);
    } finally {
      vertx.close().await();
    }
  }
}
