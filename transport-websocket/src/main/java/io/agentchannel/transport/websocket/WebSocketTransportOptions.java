package io.agentchannel.transport.websocket;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.websocket.WebSocketModeSettings;
import java.time.Duration;

/**
 * The settings of the {@code websocket} transport, read from {@code agentchannel.websocket.*} with
 * the same precedence as every other setting (code, system properties, {@code AGENTCHANNEL_*}
 * environment variables, properties file). Immutable.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code agentchannel.websocket.lanes}</td><td>{@code false}</td>
 *       <td>the server speaks v2 of WebSocket mode: {@code stream_id} lanes, 16 responses in flight
 *       per connection; {@code false} is v1, one response in flight (what Azure and many gateways
 *       implement)</td></tr>
 *   <tr><td>{@code agentchannel.websocket.ping-interval}</td><td>{@code 30s}</td>
 *       <td>ping when nothing arrived for this long; {@code 0s} sends no pings</td></tr>
 *   <tr><td>{@code agentchannel.websocket.dead-peer-timeout}</td><td>{@code 90s}</td>
 *       <td>close the connection, failing its responses, when nothing (no frame, no pong) arrived
 *       for this long while reading; {@code 0s} never</td></tr>
 *   <tr><td>{@code agentchannel.websocket.max-queued-sends}</td><td>{@code 64}</td>
 *       <td>requests that may wait locally for their turn on one connection</td></tr>
 *   <tr><td>{@code agentchannel.websocket.rotate-after}</td><td>{@code 55m}</td>
 *       <td>connection age after which a session takes no more requests and closes once idle, so
 *       the runtime opens a fresh connection before the service's 60-minute limit; {@code 0s}
 *       never rotates</td></tr>
 * </table>
 *
 * @param lanes v2 lanes ({@code stream_id}) are in use
 * @param pingInterval ping after this much silence; zero for none
 * @param deadPeerTimeout give up on the peer after this much silence; zero for never
 * @param maxQueuedSends bound of the local send queue per connection
 * @param rotateAfter connection age at which the session retires; zero for never
 */
public record WebSocketTransportOptions(
    boolean lanes,
    Duration pingInterval,
    Duration deadPeerTimeout,
    int maxQueuedSends,
    Duration rotateAfter) {

  /** Prefix of this transport's keys. */
  public static final String PREFIX = "agentchannel.websocket.";

  public static final String LANES = PREFIX + "lanes";
  public static final String PING_INTERVAL = PREFIX + "ping-interval";
  public static final String DEAD_PEER_TIMEOUT = PREFIX + "dead-peer-timeout";
  public static final String MAX_QUEUED_SENDS = PREFIX + "max-queued-sends";
  public static final String ROTATE_AFTER = PREFIX + "rotate-after";

  public WebSocketTransportOptions {
    nonNegative(pingInterval, PING_INTERVAL);
    nonNegative(deadPeerTimeout, DEAD_PEER_TIMEOUT);
    nonNegative(rotateAfter, ROTATE_AFTER);
    if (maxQueuedSends < 0) {
      throw new ConfigurationException(
          MAX_QUEUED_SENDS, MAX_QUEUED_SENDS + " must not be negative, got " + maxQueuedSends);
    }
    if (!pingInterval.isZero()
        && !deadPeerTimeout.isZero()
        && deadPeerTimeout.compareTo(pingInterval) <= 0) {
      throw new ConfigurationException(
          DEAD_PEER_TIMEOUT,
          DEAD_PEER_TIMEOUT
              + " ("
              + deadPeerTimeout
              + ") must be longer than "
              + PING_INTERVAL
              + " ("
              + pingInterval
              + "), or a live peer has no time to answer the ping");
    }
  }

  /** The defaults: v1, ping every 30 s, dead after 90 s, 64 queued sends, rotate at 55 minutes. */
  public static WebSocketTransportOptions defaults() {
    return new WebSocketTransportOptions(
        false,
        WebSocketModeSettings.DEFAULT_PING_INTERVAL,
        WebSocketModeSettings.DEFAULT_DEAD_PEER_TIMEOUT,
        WebSocketModeSettings.DEFAULT_MAX_QUEUED_SENDS,
        WebSocketModeSettings.DEFAULT_ROTATE_AFTER);
  }

  /**
   * Reads the keys above.
   *
   * @throws ConfigurationException naming the key when a value is malformed or out of range
   */
  public static WebSocketTransportOptions from(AgentChannelOptions options) {
    WebSocketTransportOptions d = defaults();
    return new WebSocketTransportOptions(
        options.booleanSetting(LANES).orElse(d.lanes()),
        options.durationSetting(PING_INTERVAL).orElse(d.pingInterval()),
        options.durationSetting(DEAD_PEER_TIMEOUT).orElse(d.deadPeerTimeout()),
        options.intSetting(MAX_QUEUED_SENDS).orElse(d.maxQueuedSends()),
        options.durationSetting(ROTATE_AFTER).orElse(d.rotateAfter()));
  }

  private static void nonNegative(Duration d, String key) {
    if (d == null) {
      throw new ConfigurationException(key, key + " must be set");
    }
    if (d.isNegative()) {
      throw new ConfigurationException(key, key + " must not be negative, got " + d);
    }
  }
}
