package io.agentchannel.transport.vertx;

import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.TransportCompatibilityKit;

/**
 * The compatibility kit against the vertx transport in its default configuration (one response in
 * flight per connection): PERSISTENT_CONNECTION, CONNECTION_LOCAL_STATE and WARMUP are declared.
 */
class VertxCompatibilityKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new VertxTransportProvider();
  }
}
