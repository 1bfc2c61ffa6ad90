package io.agentchannel.transport.websocket;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.sim.SimOptions;
import io.agentchannel.sim.WebSocketMode;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/**
 * The compatibility kit against the WebSocket transport with v2 lanes, so the rules that need
 * {@code LANES} run, and parallel conversations share connections over lanes.
 */
class WebSocketLanesCompatibilityKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new WebSocketTransportProvider();
  }

  @Override
  protected AgentChannelOptions.Builder configure(AgentChannelOptions.Builder options) {
    return options.setting("agentchannel.websocket.lanes", "true");
  }

  @Override
  protected SimOptions.Builder configureSimulator(SimOptions.Builder simulator) {
    return simulator.webSocketMode(WebSocketMode.V2);
  }

  @Override
  protected String reportName() {
    return "websocket-lanes";
  }
}
