package io.agentchannel.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.TypeLiteral;
import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.ScriptedTransportProvider;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.wire.model.CreateRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentChannelModuleTest {

  private static AgentChannelOptions options(String transport) {
    return AgentChannelOptions.builder()
        .transport(transport)
        .baseUrl("http://127.0.0.1:9/v1")
        .build();
  }

  @Test
  void binds_every_discovered_provider_by_id() {
    Injector injector = Guice.createInjector(new AgentChannelModule(options("plain")));
    Map<String, TransportProvider> providers =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, TransportProvider>>() {}));

    assertThat(providers).containsKeys("scripted", "plain");
    assertThat(injector.getInstance(TransportProvider.class).id()).isEqualTo("plain");
  }

  @Test
  void the_configured_transport_is_injected_and_switching_is_configuration_only() throws Exception {
    for (String id : new String[] {"scripted", "plain"}) {
      Injector injector = Guice.createInjector(new AgentChannelModule(options(id)));
      try (AgentChannel channel = injector.getInstance(AgentChannel.class)) {
        assertThat(channel.transportId()).isEqualTo(id);
        assertThat(injector.getInstance(AgentChannel.class)).as("singleton").isSameAs(channel);
        String answer =
            channel
                .create(CreateRequest.builder().model("m").input("hi").build())
                .drain()
                .get(5, TimeUnit.SECONDS)
                .outputText();
        assertThat(answer).isEqualTo("echo: hi");
      }
    }
  }

  @Test
  void providers_can_be_added_by_binding_without_discovery() {
    Injector injector =
        Guice.createInjector(
            new AgentChannelModule(options("custom"), false),
            new AbstractModule() {
              @Override
              protected void configure() {
                AgentChannelModule.transports(binder())
                    .addBinding("custom")
                    .toInstance(new ScriptedTransportProvider.Plain());
              }
            });
    try (AgentChannel channel = injector.getInstance(AgentChannel.class)) {
      assertThat(channel.transportId()).isEqualTo("plain");
    }
  }

  @Test
  void unknown_transport_fails_provisioning_with_the_available_ids() {
    Injector injector = Guice.createInjector(new AgentChannelModule(options("smoke-signals")));
    assertThatThrownBy(() -> injector.getInstance(AgentChannel.class))
        .isInstanceOf(ProvisionException.class)
        .cause()
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("smoke-signals")
        .hasMessageContaining("[plain, scripted]");
  }
}
