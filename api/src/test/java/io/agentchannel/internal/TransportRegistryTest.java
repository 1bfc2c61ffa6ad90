package io.agentchannel.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.ScriptedTransportProvider;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.spi.TransportProvider;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportRegistryTest {

  private static final AgentChannelOptions AUTO =
      AgentChannelOptions.builder().transport("auto").environment(Map.of()).build();

  private static TransportProvider provider(String id) {
    return new ScriptedTransportProvider(id, EnumSet.noneOf(Capability.class));
  }

  private static Map<String, TransportProvider> providers(String... ids) {
    Map<String, TransportProvider> byId = new LinkedHashMap<>();
    for (String id : ids) {
      byId.put(id, provider(id));
    }
    return byId;
  }

  @Test
  void auto_prefers_websocket_mode_then_vertx_then_http() {
    assertThat(TransportRegistry.select(providers("http", "vertx", "websocket"), AUTO).id())
        .isEqualTo("websocket");
    assertThat(TransportRegistry.select(providers("http", "vertx"), AUTO).id()).isEqualTo("vertx");
    assertThat(TransportRegistry.select(providers("http", "vendor-x"), AUTO).id())
        .isEqualTo("http");
  }

  @Test
  void auto_takes_the_only_provider_there_is() {
    assertThat(TransportRegistry.select(providers("vendor-x"), AUTO).id()).isEqualTo("vendor-x");
  }

  @Test
  void auto_refuses_to_guess_among_unknown_providers() {
    assertThatThrownBy(() -> TransportRegistry.select(providers("vendor-x", "vendor-y"), AUTO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("[vendor-x, vendor-y]")
        .hasMessageContaining("agentchannel.transport");
  }

  @Test
  void no_transport_on_the_classpath_says_which_module_to_add() {
    assertThatThrownBy(() -> TransportRegistry.select(Map.of(), AUTO))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("agentchannel-transport-http");
  }
}
