package io.agentchannel.websocket;

import io.agentchannel.Timeouts;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * How a {@link WebSocketModeSession} behaves: deadlines, lanes, keep-alive, local queueing and
 * rotation. Immutable; start from {@link #of(Timeouts, ScheduledExecutorService)} and change the
 * defaults with the {@code with...} methods.
 *
 * @param timeouts per-response deadlines: {@code firstEvent} from the request written, {@code idle}
 *     between events, {@code total} from the send; {@code connect} is the transport's own business
 * @param timer runs deadlines and keep-alive; owned by the transport, which shuts it down when it
 *     closes (see {@code ExchangeDeadlines.newTimer})
 * @param lanes whether the server speaks v2 ({@code stream_id} lanes, {@value
 *     #LANE_IN_FLIGHT_LIMIT} responses in flight); without lanes (v1) one response is in flight per
 *     connection and every request goes on the default lane
 * @param pingInterval a ping is sent when nothing has arrived for this long; {@link Duration#ZERO}
 *     sends none
 * @param deadPeerTimeout the connection is closed, and its responses failed, when nothing at all
 *     (no frame, no pong) has arrived for this long; {@link Duration#ZERO} never gives up. Should
 *     be larger than {@code pingInterval}, so a live peer has time to answer the ping
 * @param maxQueuedSends how many sends may wait locally for their turn (v1: behind the response in
 *     flight; v2: behind {@value #LANE_IN_FLIGHT_LIMIT} in flight); one more fails at once as not
 *     sent
 * @param rotateAfter the connection age after which the session stops taking sends ({@link
 *     WebSocketModeSession#isOpen()} turns false, so the runtime opens a new connection) and closes
 *     itself once its last response has ended; the service refuses turns after 60 minutes. {@link
 *     Duration#ZERO} never rotates
 * @param clock the clock of {@link WebSocketModeSession#openedAt()} and of the connection's age
 */
public record WebSocketModeSettings(
    Timeouts timeouts,
    ScheduledExecutorService timer,
    boolean lanes,
    Duration pingInterval,
    Duration deadPeerTimeout,
    int maxQueuedSends,
    Duration rotateAfter,
    Clock clock) {

  /** Responses in flight per connection with lanes, as the service documents it (v2). */
  public static final int LANE_IN_FLIGHT_LIMIT = 16;

  /** Default {@link #pingInterval()}: 30 seconds. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

  /** Default {@link #deadPeerTimeout()}: 90 seconds, three ping intervals. */
  public static final Duration DEFAULT_DEAD_PEER_TIMEOUT = Duration.ofSeconds(90);

  /** Default {@link #maxQueuedSends()}. */
  public static final int DEFAULT_MAX_QUEUED_SENDS = 64;

  /** Default {@link #rotateAfter()}: 55 minutes, five before the service's 60-minute limit. */
  public static final Duration DEFAULT_ROTATE_AFTER = Duration.ofMinutes(55);

  public WebSocketModeSettings {
    Objects.requireNonNull(timeouts, "timeouts");
    Objects.requireNonNull(timer, "timer");
    nonNegative(pingInterval, "pingInterval");
    nonNegative(deadPeerTimeout, "deadPeerTimeout");
    nonNegative(rotateAfter, "rotateAfter");
    Objects.requireNonNull(clock, "clock");
    if (maxQueuedSends < 0) {
      throw new IllegalArgumentException("maxQueuedSends must not be negative: " + maxQueuedSends);
    }
  }

  /** v1 (no lanes) with the default keep-alive, queue bound and rotation, on the system clock. */
  public static WebSocketModeSettings of(Timeouts timeouts, ScheduledExecutorService timer) {
    return new WebSocketModeSettings(
        timeouts,
        timer,
        false,
        DEFAULT_PING_INTERVAL,
        DEFAULT_DEAD_PEER_TIMEOUT,
        DEFAULT_MAX_QUEUED_SENDS,
        DEFAULT_ROTATE_AFTER,
        Clock.systemUTC());
  }

  /** How many responses this session keeps in flight on the connection at most. */
  public int maxInFlight() {
    return lanes ? LANE_IN_FLIGHT_LIMIT : 1;
  }

  public WebSocketModeSettings withTimeouts(Timeouts t) {
    return new WebSocketModeSettings(
        t, timer, lanes, pingInterval, deadPeerTimeout, maxQueuedSends, rotateAfter, clock);
  }

  public WebSocketModeSettings withLanes(boolean l) {
    return new WebSocketModeSettings(
        timeouts, timer, l, pingInterval, deadPeerTimeout, maxQueuedSends, rotateAfter, clock);
  }

  public WebSocketModeSettings withKeepAlive(Duration ping, Duration deadPeer) {
    return new WebSocketModeSettings(
        timeouts, timer, lanes, ping, deadPeer, maxQueuedSends, rotateAfter, clock);
  }

  public WebSocketModeSettings withMaxQueuedSends(int n) {
    return new WebSocketModeSettings(
        timeouts, timer, lanes, pingInterval, deadPeerTimeout, n, rotateAfter, clock);
  }

  public WebSocketModeSettings withRotateAfter(Duration age) {
    return new WebSocketModeSettings(
        timeouts, timer, lanes, pingInterval, deadPeerTimeout, maxQueuedSends, age, clock);
  }

  public WebSocketModeSettings withClock(Clock c) {
    return new WebSocketModeSettings(
        timeouts, timer, lanes, pingInterval, deadPeerTimeout, maxQueuedSends, rotateAfter, c);
  }

  private static void nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
  }
}
