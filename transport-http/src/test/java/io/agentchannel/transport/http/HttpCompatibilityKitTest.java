package io.agentchannel.transport.http;

import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/** The compatibility kit against the HTTP transport (no capabilities declared). */
class HttpCompatibilityKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new HttpTransportProvider();
  }
}
