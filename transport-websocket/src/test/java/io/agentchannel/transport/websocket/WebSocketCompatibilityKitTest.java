package io.agentchannel.transport.websocket;

import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/** The compatibility kit against the WebSocket transport (v1, no lanes). */
class WebSocketCompatibilityKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new WebSocketTransportProvider();
  }
}
