package io.agentchannel.transport.vertx;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.transport.vertx.internal.VertxTransport;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code vertx} transport: the Responses API's WebSocket mode on Vert.x core 5, for
 * applications that already run Vert.x or hold thousands of agent sessions on a few threads. Select
 * it with {@code agentchannel.transport=vertx}; settings are {@link VertxTransportOptions}.
 *
 * <p><b>Vert.x instance.</b> Through {@link java.util.ServiceLoader} (and so {@code
 * AgentChannels.create} and the Guice module) the transport creates its own {@code Vertx}, with
 * {@code agentchannel.vertx.event-loops} event loops, and closes it when the channel closes. An
 * application that runs Vert.x passes its instance with {@link #create(AgentChannelOptions,
 * VertxTransportOptions, Vertx)}; the transport then uses its event loops and never closes it.
 *
 * <p><b>Threading.</b> Nothing blocks an event loop: connects, writes, pauses and reads are
 * asynchronous. Subscriber callbacks do not run on the event loop: each connection's events are
 * handed, in order, to the transport's delivery threads ({@code
 * agentchannel.vertx.delivery-threads}, shared by all connections, a fair share each). A subscriber
 * that blocks holds up its connection's events (which stops that connection reading once they pile
 * up) and occupies one delivery thread: as many blocking subscribers as there are delivery threads
 * stall delivery for every connection, so do not block in callbacks. With {@code
 * agentchannel.vertx.deliver-on-event-loop=true} callbacks run on the connection's event loop
 * instead (one hand-off less; for subscribers that never block).
 *
 * <p><b>Sessions and the pool.</b> A session ({@link Transport#open()}) is a pool of connections to
 * the endpoint, opened on demand up to {@code agentchannel.vertx.pool.max-connections}: parallel
 * conversations in one channel run on separate connections (v1), or on lanes of shared connections
 * (v2, {@code agentchannel.vertx.lanes=true}), and a continuation goes to the connection whose
 * server-side cache holds its previous response. See the module's README for the details.
 *
 * <p>Thread-safe and cheap to construct; all resources are created in {@link #create}.
 */
public final class VertxTransportProvider implements TransportProvider {

  /** The id to configure: {@code agentchannel.transport=vertx}. */
  public static final String ID = "vertx";

  private static final Set<Capability> CAPABILITIES =
      Set.of(
          Capability.PERSISTENT_CONNECTION,
          Capability.CONNECTION_LOCAL_STATE,
          Capability.WARMUP,
          Capability.LANES);

  /** For {@link java.util.ServiceLoader}. */
  public VertxTransportProvider() {}

  @Override
  public String id() {
    return ID;
  }

  /** {@link Capability#LANES} only when {@code agentchannel.vertx.lanes} is on. */
  @Override
  public Set<Capability> capabilities() {
    return CAPABILITIES;
  }

  /**
   * A transport with its own {@code Vertx}, configured from the {@code agentchannel.vertx.*} keys.
   *
   * @throws io.agentchannel.error.ConfigurationException for a bad {@code agentchannel.vertx.*}
   *     value
   */
  @Override
  public Transport create(AgentChannelOptions options) {
    return new VertxTransport(options, VertxTransportOptions.from(options), null);
  }

  /**
   * A transport on the application's {@code Vertx}, configured from the {@code
   * agentchannel.vertx.*} keys; closing the transport leaves {@code vertx} running.
   */
  public static Transport create(AgentChannelOptions options, Vertx vertx) {
    return create(options, VertxTransportOptions.from(options), vertx);
  }

  /**
   * A transport with these settings, on the application's {@code Vertx} if one is given (never
   * closed by the transport), else on its own.
   *
   * @param vertx the application's instance, or {@code null} for a transport-owned one
   */
  public static Transport create(
      AgentChannelOptions options, VertxTransportOptions vertxOptions, Vertx vertx) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(vertxOptions, "vertxOptions");
    return new VertxTransport(options, vertxOptions, vertx);
  }
}
