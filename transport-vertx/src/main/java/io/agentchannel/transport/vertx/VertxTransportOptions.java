package io.agentchannel.transport.vertx;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of the {@code vertx} transport, read from the {@code agentchannel.vertx.*} keys of
 * {@link AgentChannelOptions} (code, system properties, environment, properties file, in that
 * order) or built in code.
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code agentchannel.vertx.lanes}</td><td>{@code false}</td>
 *       <td>Use v2 {@code stream_id} lanes: up to 16 responses in flight per connection. Leave
 *       off for servers that offer only v1 (one response at a time per connection).</td></tr>
 *   <tr><td>{@code agentchannel.vertx.pool.max-connections}</td><td>{@code 8}</td>
 *       <td>Connections one session may open for parallel conversations (at least 1).</td></tr>
 *   <tr><td>{@code agentchannel.vertx.pool.idle-eviction}</td><td>{@code 5m}</td>
 *       <td>A connection with nothing in flight for this long is closed, except the session's
 *       last one. {@code 0}: never.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.ping-interval}</td><td>{@code 30s}</td>
 *       <td>Ping a connection that has been silent this long. {@code 0}: never.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.dead-peer-timeout}</td><td>{@code 90s}</td>
 *       <td>Close a connection whose peer has sent nothing (no frame, no pong) for this long, and
 *       fail what is in flight on it. {@code 0}: never.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.event-loops}</td><td>available processors</td>
 *       <td>Event loops of the {@code Vertx} instance the transport creates; ignored when the
 *       application passes its own.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.deliver-on-event-loop}</td><td>{@code false}</td>
 *       <td>Run subscriber callbacks on the connection's event loop instead of the transport's
 *       delivery threads. Only for subscribers that never block.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.delivery-threads}</td><td>max(2, processors)</td>
 *       <td>Threads that run subscriber callbacks (when not on the event loop).</td></tr>
 *   <tr><td>{@code agentchannel.vertx.max-message-size}</td><td>{@code 16777216}</td>
 *       <td>Largest WebSocket message accepted from the server, in bytes.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.max-queued-sends}</td><td>{@code 64}</td>
 *       <td>Sends that may wait on one connection for their turn (v1: behind the response in
 *       flight; v2: behind 16); one more fails at once as not sent.</td></tr>
 *   <tr><td>{@code agentchannel.vertx.rotate-after}</td><td>{@code 55m}</td>
 *       <td>A connection this old takes no new work and closes once its last response has
 *       ended; the service refuses turns after 60 minutes. {@code 0}: never.</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param lanes whether v2 lanes are used
 * @param maxConnections connections per session, at least 1
 * @param idleEviction idle time after which a surplus connection closes; zero for never
 * @param pingInterval keep-alive ping interval; zero for none
 * @param deadPeerTimeout silence after which the peer is considered dead; zero for never
 * @param eventLoops event loops of a transport-owned {@code Vertx}, at least 1
 * @param deliverOnEventLoop whether subscriber callbacks run on the event loop
 * @param deliveryThreads threads running subscriber callbacks, at least 1
 * @param maxMessageSize largest accepted message in bytes, at least 1024
 * @param maxQueuedSends sends that may wait on one connection for their turn, at least 0
 * @param rotateAfter connection age after which a connection takes no new work; zero for never
 */
public record VertxTransportOptions(
    boolean lanes,
    int maxConnections,
    Duration idleEviction,
    Duration pingInterval,
    Duration deadPeerTimeout,
    int eventLoops,
    boolean deliverOnEventLoop,
    int deliveryThreads,
    int maxMessageSize,
    int maxQueuedSends,
    Duration rotateAfter) {

  /** The key prefix of this transport's settings. */
  public static final String PREFIX = "agentchannel.vertx.";

  static final String LANES = PREFIX + "lanes";
  static final String MAX_CONNECTIONS = PREFIX + "pool.max-connections";
  static final String IDLE_EVICTION = PREFIX + "pool.idle-eviction";
  static final String PING_INTERVAL = PREFIX + "ping-interval";
  static final String DEAD_PEER_TIMEOUT = PREFIX + "dead-peer-timeout";
  static final String EVENT_LOOPS = PREFIX + "event-loops";
  static final String DELIVER_ON_EVENT_LOOP = PREFIX + "deliver-on-event-loop";
  static final String DELIVERY_THREADS = PREFIX + "delivery-threads";
  static final String MAX_MESSAGE_SIZE = PREFIX + "max-message-size";
  static final String MAX_QUEUED_SENDS = PREFIX + "max-queued-sends";
  static final String ROTATE_AFTER = PREFIX + "rotate-after";

  private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

  public VertxTransportOptions {
    atLeast(maxConnections, 1, MAX_CONNECTIONS);
    notNegative(idleEviction, IDLE_EVICTION);
    notNegative(pingInterval, PING_INTERVAL);
    notNegative(deadPeerTimeout, DEAD_PEER_TIMEOUT);
    atLeast(eventLoops, 1, EVENT_LOOPS);
    atLeast(deliveryThreads, 1, DELIVERY_THREADS);
    atLeast(maxMessageSize, 1024, MAX_MESSAGE_SIZE);
    atLeast(maxQueuedSends, 0, MAX_QUEUED_SENDS);
    notNegative(rotateAfter, ROTATE_AFTER);
  }

  /** The defaults listed in the class comment. */
  public static VertxTransportOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these values. */
  public Builder toBuilder() {
    return new Builder()
        .lanes(lanes)
        .maxConnections(maxConnections)
        .idleEviction(idleEviction)
        .pingInterval(pingInterval)
        .deadPeerTimeout(deadPeerTimeout)
        .eventLoops(eventLoops)
        .deliverOnEventLoop(deliverOnEventLoop)
        .deliveryThreads(deliveryThreads)
        .maxMessageSize(maxMessageSize)
        .maxQueuedSends(maxQueuedSends)
        .rotateAfter(rotateAfter);
  }

  /**
   * Reads the {@code agentchannel.vertx.*} keys; unset keys keep their defaults.
   *
   * @throws ConfigurationException naming the key, where it came from and what would work, for a
   *     malformed or out-of-range value
   */
  public static VertxTransportOptions from(AgentChannelOptions options) {
    Objects.requireNonNull(options, "options");
    Builder b = builder();
    options.booleanSetting(LANES).ifPresent(b::lanes);
    options.intSetting(MAX_CONNECTIONS).ifPresent(n -> b.maxConnections = n);
    options.durationSetting(IDLE_EVICTION).ifPresent(d -> b.idleEviction = d);
    options.durationSetting(PING_INTERVAL).ifPresent(d -> b.pingInterval = d);
    options.durationSetting(DEAD_PEER_TIMEOUT).ifPresent(d -> b.deadPeerTimeout = d);
    options.intSetting(EVENT_LOOPS).ifPresent(n -> b.eventLoops = n);
    options.booleanSetting(DELIVER_ON_EVENT_LOOP).ifPresent(b::deliverOnEventLoop);
    options.intSetting(DELIVERY_THREADS).ifPresent(n -> b.deliveryThreads = n);
    options.intSetting(MAX_MESSAGE_SIZE).ifPresent(n -> b.maxMessageSize = n);
    options.intSetting(MAX_QUEUED_SENDS).ifPresent(n -> b.maxQueuedSends = n);
    options.durationSetting(ROTATE_AFTER).ifPresent(d -> b.rotateAfter = d);
    try {
      return b.build();
    } catch (ConfigurationException bad) {
      throw new ConfigurationException(
          bad.setting(), bad.getMessage() + " (from " + options.sourceOf(bad.setting()) + ")", bad);
    }
  }

  private static void atLeast(int value, int min, String key) {
    if (value < min) {
      throw new ConfigurationException(
          key, key + " = " + value + " is invalid: it must be at least " + min);
    }
  }

  private static void notNegative(Duration value, String key) {
    Objects.requireNonNull(value, key);
    if (value.isNegative()) {
      throw new ConfigurationException(
          key, key + " = " + value + " is invalid: it cannot be negative; use 0 for none");
    }
  }

  /** Builds {@link VertxTransportOptions}; validation happens in {@link #build()}. */
  public static final class Builder {
    private boolean lanes;
    private int maxConnections = 8;
    private Duration idleEviction = Duration.ofMinutes(5);
    private Duration pingInterval = Duration.ofSeconds(30);
    private Duration deadPeerTimeout = Duration.ofSeconds(90);
    private int eventLoops = PROCESSORS;
    private boolean deliverOnEventLoop;
    private int deliveryThreads = Math.max(2, PROCESSORS);
    private int maxMessageSize = 16 * 1024 * 1024;
    private int maxQueuedSends = 64;
    private Duration rotateAfter = Duration.ofMinutes(55);

    private Builder() {}

    /** {@code agentchannel.vertx.lanes}. */
    public Builder lanes(boolean lanes) {
      this.lanes = lanes;
      return this;
    }

    /** {@code agentchannel.vertx.pool.max-connections}. */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /** {@code agentchannel.vertx.pool.idle-eviction}; zero for never. */
    public Builder idleEviction(Duration idleEviction) {
      this.idleEviction = idleEviction;
      return this;
    }

    /** {@code agentchannel.vertx.ping-interval}; zero for none. */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = pingInterval;
      return this;
    }

    /** {@code agentchannel.vertx.dead-peer-timeout}; zero for never. */
    public Builder deadPeerTimeout(Duration deadPeerTimeout) {
      this.deadPeerTimeout = deadPeerTimeout;
      return this;
    }

    /** {@code agentchannel.vertx.event-loops}. */
    public Builder eventLoops(int eventLoops) {
      this.eventLoops = eventLoops;
      return this;
    }

    /** {@code agentchannel.vertx.deliver-on-event-loop}. */
    public Builder deliverOnEventLoop(boolean deliverOnEventLoop) {
      this.deliverOnEventLoop = deliverOnEventLoop;
      return this;
    }

    /** {@code agentchannel.vertx.delivery-threads}. */
    public Builder deliveryThreads(int deliveryThreads) {
      this.deliveryThreads = deliveryThreads;
      return this;
    }

    /** {@code agentchannel.vertx.max-message-size}, in bytes. */
    public Builder maxMessageSize(int maxMessageSize) {
      this.maxMessageSize = maxMessageSize;
      return this;
    }

    /** {@code agentchannel.vertx.max-queued-sends}. */
    public Builder maxQueuedSends(int maxQueuedSends) {
      this.maxQueuedSends = maxQueuedSends;
      return this;
    }

    /** {@code agentchannel.vertx.rotate-after}; zero for never. */
    public Builder rotateAfter(Duration rotateAfter) {
      this.rotateAfter = rotateAfter;
      return this;
    }

    /**
     * @throws ConfigurationException naming the setting that is out of range
     */
    public VertxTransportOptions build() {
      return new VertxTransportOptions(
          lanes,
          maxConnections,
          idleEviction,
          pingInterval,
          deadPeerTimeout,
          eventLoops,
          deliverOnEventLoop,
          deliveryThreads,
          maxMessageSize,
          maxQueuedSends,
          rotateAfter);
    }
  }
}
