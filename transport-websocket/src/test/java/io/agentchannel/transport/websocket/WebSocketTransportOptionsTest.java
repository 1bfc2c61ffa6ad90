package io.agentchannel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.Capability;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.spi.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebSocketTransportOptionsTest {

  private static AgentChannelOptions.Builder base() {
    return AgentChannelOptions.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("sk-x");
  }

  @Test
  void defaults_are_v1_with_keep_alive_and_rotation_before_the_hour() {
    WebSocketTransportOptions options = WebSocketTransportOptions.from(base().build());
    assertThat(options).isEqualTo(WebSocketTransportOptions.defaults());
    assertThat(options.lanes()).isFalse();
    assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.deadPeerTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.maxQueuedSends()).isEqualTo(64);
    assertThat(options.rotateAfter()).isEqualTo(Duration.ofMinutes(55));
  }

  @Test
  void keys_are_read_from_every_source() {
    WebSocketTransportOptions options =
        WebSocketTransportOptions.from(
            base()
                .setting(WebSocketTransportOptions.LANES, "true")
                .setting(WebSocketTransportOptions.PING_INTERVAL, "5s")
                .setting(WebSocketTransportOptions.DEAD_PEER_TIMEOUT, "20s")
                .setting(WebSocketTransportOptions.MAX_QUEUED_SENDS, "3")
                .setting(WebSocketTransportOptions.ROTATE_AFTER, "10m")
                .build());
    assertThat(options)
        .isEqualTo(
            new WebSocketTransportOptions(
                true, Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofMinutes(10)));
  }

  @Test
  void bad_values_name_the_key() {
    assertThatThrownBy(
            () ->
                WebSocketTransportOptions.from(
                    base().setting(WebSocketTransportOptions.LANES, "sometimes").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(WebSocketTransportOptions.LANES);
    assertThatThrownBy(
            () ->
                WebSocketTransportOptions.from(
                    base()
                        .setting(WebSocketTransportOptions.PING_INTERVAL, "30s")
                        .setting(WebSocketTransportOptions.DEAD_PEER_TIMEOUT, "10s")
                        .build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(WebSocketTransportOptions.DEAD_PEER_TIMEOUT);
    assertThatThrownBy(
            () ->
                WebSocketTransportOptions.from(
                    base().setting(WebSocketTransportOptions.MAX_QUEUED_SENDS, "-1").build()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(WebSocketTransportOptions.MAX_QUEUED_SENDS);
  }

  @Test
  void the_provider_is_found_by_its_id_and_declares_lanes_only_when_configured() {
    assertThat(AgentChannels.availableTransports()).contains(WebSocketTransportProvider.ID);
    WebSocketTransportProvider provider = new WebSocketTransportProvider();
    try (Transport v1 = provider.create(base().build())) {
      assertThat(v1.capabilities())
          .containsExactlyInAnyOrder(
              Capability.PERSISTENT_CONNECTION,
              Capability.CONNECTION_LOCAL_STATE,
              Capability.WARMUP);
    }
    try (Transport v2 =
        provider.create(base().setting(WebSocketTransportOptions.LANES, "true").build())) {
      assertThat(v2.capabilities()).contains(Capability.LANES);
    }
  }
}
