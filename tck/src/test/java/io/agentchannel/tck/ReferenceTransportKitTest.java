package io.agentchannel.tck;

import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.reference.ReferenceSseProvider;

/** The kit against the reference transport: every rule its (empty) capabilities cover passes. */
class ReferenceTransportKitTest extends TransportCompatibilityKit {

  @Override
  protected TransportProvider provider() {
    return new ReferenceSseProvider();
  }
}
