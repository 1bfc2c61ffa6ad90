package io.agentchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * {@code transport=auto} end to end, with every transport of the distribution on the class path
 * (this module has them all) and the real simulator: WebSocket mode where the server offers it, a
 * sticky fall back to HTTP when the upgrade is answered 426.
 */
class AutoFallbackTest {

  private static AgentChannel autoChannel(SimServer sim) {
    return AgentChannels.create(
        AgentChannelOptions.builder()
            .environment(Map.of())
            .systemProperties(new Properties())
            .transport("auto")
            .baseUrl(sim.baseUrl())
            .apiKey("sk-auto")
            .build());
  }

  private static Response ask(AgentChannel channel, String text) {
    return channel.create(CreateRequest.builder().model("echo").input(text).build()).drain().join();
  }

  @Test
  void a_server_without_websocket_mode_is_served_over_http_for_the_channels_life() {
    try (SimServer sim =
            SimServer.start(
                SimOptions.builder().apiKeys("sk-auto").webSocketMode(WebSocketMode.OFF).build());
        AgentChannel channel = autoChannel(sim)) {

      assertThat(ask(channel, "first").outputText()).isEqualTo("echo: first");
      assertThat(ask(channel, "second").outputText()).isEqualTo("echo: second");

      assertThat(channel.metrics().transportId()).isEqualTo("http");
      assertThat(channel.metrics().fallback())
          .hasValueSatisfying(r -> assertThat(r).contains("426"));
      SimStats stats = sim.stats();
      assertThat(stats.turns(SimStats.TRANSPORT_HTTP)).isEqualTo(2);
      assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isZero();
    }
  }

  @Test
  void a_server_with_websocket_mode_is_served_over_it_without_fallback() {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys("sk-auto").build());
        AgentChannel channel = autoChannel(sim)) {

      assertThat(ask(channel, "hello").outputText()).isEqualTo("echo: hello");

      assertThat(channel.metrics().fallback()).isEmpty();
      assertThat(channel.metrics().transportId()).isNotEqualTo("http");
      assertThat(sim.stats().turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(1);
    }
  }
}
