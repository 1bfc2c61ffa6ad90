package io.agentchannel.transport.websocket;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.transport.websocket.internal.JakartaWebSocketTransport;
import java.util.Set;

/**
 * WebSocket mode on the Jakarta WebSocket client API, id {@value #ID}: one persistent connection
 * per session, only new input per turn, the server's state kept on the connection.
 *
 * <p>The implementation is Tyrus with its JDK client container, chosen explicitly (never by
 * whichever {@code ContainerProvider} comes first on the class path); the code is written against
 * {@code jakarta.websocket} and keeps what only Tyrus can do (TLS engine, proxy, handshake status)
 * in one internal class. Settings: {@link WebSocketTransportOptions}; the common TLS trust store,
 * proxy and timeouts of {@link AgentChannelOptions} apply to the upgrade as they do over HTTP.
 *
 * <p>Capabilities: {@link Capability#PERSISTENT_CONNECTION}, {@link
 * Capability#CONNECTION_LOCAL_STATE} and {@link Capability#WARMUP} always; {@link Capability#LANES}
 * when {@code agentchannel.websocket.lanes} is true.
 *
 * <p>Cheap to construct and thread-safe; {@link #create} makes the threads (see the module's
 * README), which {@link Transport#close()} stops.
 */
public final class WebSocketTransportProvider implements TransportProvider {

  /** The id users configure with {@code agentchannel.transport}. */
  public static final String ID = "websocket";

  private static final Set<Capability> ALL =
      Set.of(
          Capability.PERSISTENT_CONNECTION,
          Capability.CONNECTION_LOCAL_STATE,
          Capability.WARMUP,
          Capability.LANES);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<Capability> capabilities() {
    return ALL;
  }

  @Override
  public Transport create(AgentChannelOptions options) {
    return new JakartaWebSocketTransport(options, WebSocketTransportOptions.from(options));
  }
}
