package io.agentchannel.tck.reference;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import java.util.Set;

/**
 * A deliberately small HTTP + SSE transport on {@code java.net.http} with one blocking reader
 * thread per response, written to the SPI's contract and nothing more. The kit's own tests run the
 * kit against it (it must pass every rule its capabilities cover) and against broken doubles of it
 * (each must fail exactly the rules it breaks).
 */
public final class ReferenceSseProvider implements TransportProvider {

  public static final String ID = "reference-sse";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public Transport create(AgentChannelOptions options) {
    return new ReferenceSseTransport(options);
  }

  @Override
  public String version() {
    return "test";
  }
}
