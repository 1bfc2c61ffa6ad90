package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.spi.Transport;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The {@code agentchannel.vertx.*} keys, their defaults and their errors. */
class VertxTransportOptionsTest {

  private static AgentChannelOptions.Builder base() {
    return AgentChannelOptions.builder()
        .systemProperties(new Properties())
        .environment(Map.of())
        .baseUrl("http://127.0.0.1:1/v1");
  }

  @Test
  void defaults() {
    VertxTransportOptions options = VertxTransportOptions.from(base().build());
    assertThat(options).isEqualTo(VertxTransportOptions.defaults());
    assertThat(options.lanes()).isFalse();
    assertThat(options.maxConnections()).isEqualTo(8);
    assertThat(options.idleEviction()).isEqualTo(Duration.ofMinutes(5));
    assertThat(options.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.deadPeerTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.deliverOnEventLoop()).isFalse();
    assertThat(options.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
    assertThat(options.maxQueuedSends()).isEqualTo(64);
    assertThat(options.rotateAfter()).isEqualTo(Duration.ofMinutes(55));
  }

  @Test
  void every_key_is_read_from_every_source() {
    Properties system = new Properties();
    system.setProperty("agentchannel.vertx.lanes", "true");
    AgentChannelOptions options =
        base()
            .systemProperties(system)
            .environment(Map.of("AGENTCHANNEL_VERTX_POOL_MAX_CONNECTIONS", "32"))
            .setting("agentchannel.vertx.pool.idle-eviction", "0")
            .setting("agentchannel.vertx.ping-interval", "5s")
            .setting("agentchannel.vertx.dead-peer-timeout", "15s")
            .setting("agentchannel.vertx.event-loops", "3")
            .setting("agentchannel.vertx.deliver-on-event-loop", "TRUE")
            .setting("agentchannel.vertx.delivery-threads", "5")
            .setting("agentchannel.vertx.max-message-size", "2048")
            .setting("agentchannel.vertx.max-queued-sends", "0")
            .setting("agentchannel.vertx.rotate-after", "10m")
            .build();
    assertThat(VertxTransportOptions.from(options))
        .isEqualTo(
            new VertxTransportOptions(
                true,
                32,
                Duration.ZERO,
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                3,
                true,
                5,
                2048,
                0,
                Duration.ofMinutes(10)));
  }

  @Test
  void an_out_of_range_value_names_the_key_and_its_source() {
    AgentChannelOptions options =
        base().environment(Map.of("AGENTCHANNEL_VERTX_POOL_MAX_CONNECTIONS", "0")).build();
    assertThatThrownBy(() -> VertxTransportOptions.from(options))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("agentchannel.vertx.pool.max-connections")
        .hasMessageContaining("at least 1")
        .hasMessageContaining("AGENTCHANNEL_VERTX_POOL_MAX_CONNECTIONS")
        .extracting(e -> ((ConfigurationException) e).setting())
        .isEqualTo("agentchannel.vertx.pool.max-connections");
  }

  @Test
  void a_malformed_value_is_a_configuration_error_from_the_provider() {
    AgentChannelOptions options = base().setting("agentchannel.vertx.ping-interval", "30").build();
    assertThatThrownBy(() -> new VertxTransportProvider().create(options))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("agentchannel.vertx.ping-interval");
  }

  @Test
  void the_provider_is_found_by_the_service_loader_and_declares_lanes_only_when_configured() {
    assertThat(ServiceLoader.load(io.agentchannel.spi.TransportProvider.class).stream())
        .anySatisfy(p -> assertThat(p.type()).isEqualTo(VertxTransportProvider.class));
    VertxTransportProvider provider = new VertxTransportProvider();
    assertThat(provider.id()).isEqualTo("vertx");
    assertThat(provider.capabilities()).contains(Capability.LANES);
    try (Transport v1 = provider.create(base().build());
        Transport v2 =
            provider.create(base().setting("agentchannel.vertx.lanes", "true").build())) {
      assertThat(v1.capabilities()).doesNotContain(Capability.LANES);
      assertThat(v2.capabilities()).contains(Capability.LANES);
    }
  }
}
