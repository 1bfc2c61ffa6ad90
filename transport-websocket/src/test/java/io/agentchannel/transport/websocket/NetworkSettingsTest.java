package io.agentchannel.transport.websocket;

import static io.agentchannel.transport.websocket.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.ConnectionException;
import io.agentchannel.sim.SimOptions;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.WebSocketMode;
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
        ConnectProxy proxy = new ConnectProxy();
        AgentChannel channel =
            AgentChannels.create(
                Fixtures.options(sim)
                    .trustStore(sim.trustStore())
                    .setting("agentchannel.proxy", "http://127.0.0.1:" + proxy.port())
                    .build())) {
      assertThat(channel.create(turn("proxied")).drain().join().outputText()).contains("proxied");
      assertThat(proxy.connects).containsExactly(sim.host() + ":" + sim.port());
    }
  }

  @Test
  void closing_the_transport_leaves_no_thread_behind() {
    try (SimServer sim = sim(false)) {
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
      assertThat(sim.stats().connectionsActive()).isZero();
    }
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
