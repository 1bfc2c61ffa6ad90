package io.agentchannel.transport.websocket;

import static io.agentchannel.transport.websocket.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.testing.LoopbackProxy;
import io.agentchannel.transport.websocket.internal.TyrusSpecifics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** TLS, proxy and threads: what the upgrade honours and what closing leaves behind. */
class NetworkSettingsTest {

  private static SimServer sim(boolean tls) {
    return SimServer.start(
        SimOptions.builder()
            .apiKeys(Fixtures.KEY)
            .webSocketMode(WebSocketMode.V1)
            .tls(tls)
            .build());
  }

  @Test
  void tls_trusts_the_configured_store() {
    try (SimServer sim = sim(true);
        AgentChannel channel =
            AgentChannels.create(Fixtures.options(sim).trustStore(sim.trustStore()).build())) {
      assertThat(channel.options().webSocketUrl().getScheme()).isEqualTo("wss");
      assertThat(channel.create(turn("secure")).drain().join().outputText()).contains("secure");
    }
  }

  @Test
  void tls_verifies_by_default_and_refuses_an_unknown_certificate_before_sending() {
    try (SimServer sim = sim(true);
        AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      Throwable error;
      try {
        channel.create(turn("secure")).drain().join();
        throw new AssertionError("an untrusted certificate was accepted");
      } catch (CompletionException e) {
        error = e.getCause();
      }
      assertThat(error).isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
      assertThat(sim.stats().turns("websocket")).isZero();
    }
  }

  @Test
  void the_upgrade_goes_through_the_configured_proxy() throws Exception {
    try (SimServer sim = sim(true);
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        AgentChannel channel =
            AgentChannels.create(
                Fixtures.options(sim)
                    .trustStore(sim.trustStore())
                    .setting("agentchannel.proxy", proxy.url())
                    .build())) {
      assertThat(channel.create(turn("proxied")).drain().join().outputText()).contains("proxied");
      assertThat(proxy.requestLines())
          .containsExactly("CONNECT " + sim.host() + ":" + sim.port() + " HTTP/1.1");
    }
  }

  @Test
  void a_peer_that_stops_answering_is_declared_dead_and_the_next_turn_reconnects()
      throws Exception {
    try (SimServer sim = sim(false);
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        AgentChannel channel =
            AgentChannels.create(
                Fixtures.options(sim)
                    .setting("agentchannel.proxy", proxy.url())
                    .setting(WebSocketTransportOptions.PING_INTERVAL, "100ms")
                    .setting(WebSocketTransportOptions.DEAD_PEER_TIMEOUT, "700ms")
                    .build())) {
      assertThat(channel.create(turn("alive")).drain().join().outputText()).contains("alive");
      proxy.stall();
      Throwable error;
      try {
        channel.create(turn("into the void")).drain().join();
        throw new AssertionError("a turn on a dead connection completed");
      } catch (CompletionException e) {
        error = e.getCause();
      }
      assertThat(error).isInstanceOf(ConnectionException.class).hasMessageContaining("dead");
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isTrue();
      proxy.resume();
      assertThat(channel.create(turn("revived")).drain().join().outputText()).contains("revived");
      assertThat(proxy.requestLines()).hasSize(2);
    }
  }

  @Test
  void closing_the_transport_leaves_no_thread_behind() {
    try (SimServer sim = sim(false)) {
      java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
      AgentChannel channel =
          AgentChannels.create(
              Fixtures.options(sim)
                  .setting(WebSocketTransportOptions.PING_INTERVAL, "50ms")
                  .setting(WebSocketTransportOptions.DEAD_PEER_TIMEOUT, "1s")
                  .build());
      channel.create(turn("one")).drain().join();
      channel.create(turn("two").toBuilder().build()).drain().join();
      assertThat(ours()).isNotEmpty();
      channel.close();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ours()).isEmpty());
      // Nor any other thread started meanwhile (the JDK's poller of Tyrus's channel group
      // included), except Tyrus's one static timer, which lives as long as the JVM.
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(
                          Thread.getAllStackTraces().keySet().stream()
                              .filter(t -> t.isAlive() && !before.contains(t))
                              .map(Thread::getName)
                              .filter(name -> !name.startsWith("awaitility"))
                              .filter(name -> !name.equals("tyrus-jdk-container-idle-timeout")))
                      .isEmpty());
      assertThat(sim.stats().connectionsActive()).isZero();
    }
  }

  @Test
  void a_refused_connect_leaves_none_of_our_threads_behind() throws Exception {
    java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    AgentChannel channel =
        AgentChannels.create(
            AgentChannelOptions.builder()
                .transport(WebSocketTransportProvider.ID)
                .baseUrl("http://127.0.0.1:" + closedPort + "/v1")
                .apiKey(Fixtures.KEY)
                .build());
    try {
      channel.create(turn("nobody home")).drain().join();
      throw new AssertionError("connected to a closed port");
    } catch (CompletionException refused) {
      assertThat(refused.getCause()).isInstanceOf(ConnectionException.class);
    }
    channel.close();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ours()).isEmpty());
    // Tyrus's JDK container does not count a failed TCP connect out of its shared channel group,
    // so the group, and the one JDK poller thread it owns, stays for the JVM's lifetime (idle,
    // daemon, reused by later connections). Nothing else may stay.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.isAlive() && !before.contains(t))
                            .filter(t -> !t.getName().startsWith("awaitility"))
                            .toList())
                    .hasSizeLessThanOrEqualTo(1)
                    .allMatch(Thread::isDaemon));
  }

  /** Threads this transport starts, directly or through Tyrus's container. */
  private static List<String> ours() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(
            name ->
                name.startsWith("agentchannel-websocket-")
                    || name.startsWith(TyrusSpecifics.IO_THREAD_PREFIX)
                    || name.contains("tyrus-jdk-client"))
        .toList();
  }
}
