package io.agentchannel.transport.websocket;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/**
 * The compatibility kit against the websocket transport with lanes on, which declares LANES too.
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
  protected String reportName() {
    return "websocket-lanes";
  }
}
