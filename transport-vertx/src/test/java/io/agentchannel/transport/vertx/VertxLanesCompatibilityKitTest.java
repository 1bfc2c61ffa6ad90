package io.agentchannel.transport.vertx;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/** The compatibility kit against the vertx transport with lanes on, which declares LANES too. */
class VertxLanesCompatibilityKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new VertxTransportProvider();
  }

  @Override
  protected AgentChannelOptions.Builder configure(AgentChannelOptions.Builder options) {
    return options.setting("agentchannel.vertx.lanes", "true");
  }

  @Override
  protected String reportName() {
    return "vertx-lanes";
  }
}
