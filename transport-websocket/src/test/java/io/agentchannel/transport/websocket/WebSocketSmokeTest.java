package io.agentchannel.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.WebSocketMode;
import org.junit.jupiter.api.Test;

class WebSocketSmokeTest {

  @Test
  void a_turn_over_websocket_mode() {
    try (SimServer sim =
            SimServer.start(
                SimOptions.builder()
                    .apiKeys(Fixtures.KEY)
                    .webSocketMode(WebSocketMode.V1)
                    .build());
        AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      assertThat(channel.transportId()).isEqualTo("websocket");
      var response = channel.create(Fixtures.turn("hello")).drain().join();
      assertThat(response.outputText()).contains("hello");
      assertThat(sim.stats().turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(1);
    }
  }
}
