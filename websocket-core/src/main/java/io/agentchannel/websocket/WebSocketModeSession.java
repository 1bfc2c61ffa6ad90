package io.agentchannel.websocket;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.websocket.internal.Exchange;
import io.agentchannel.websocket.internal.Exchange.Stage;
import io.agentchannel.websocket.internal.Lanes;
import io.agentchannel.websocket.spi.WebSocketLink;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WebSocket mode over one connection: the protocol logic every WebSocket transport shares. The
 * transport adapts its socket to a {@link WebSocketLink} and reports to this session what its one
 * reader receives; the session does the rest.
 *
 * <p><b>Routing.</b> Every text frame is parsed with {@link WireCodec#shared()} and routed by
 * {@code stream_id} (absent: the default lane) to the oldest response in flight on that lane, since
 * the server runs each lane first in, first out. {@code response.completed}, {@code
 * response.failed}, {@code response.incomplete} and a request-scoped {@code error} frame end a
 * response. An {@code error} frame with no response to belong to is connection-level; {@code
 * websocket_connection_limit_reached} (request-scoped or not) ends the session: it takes no more
 * sends (they fail with the typed connection-limit error), the responses in flight finish, and any
 * the server never started when it closes fail with the same error. Without lanes every event
 * belongs to the one response in flight.
 *
 * <p><b>Sending.</b> One writer: frames go to {@link WebSocketLink#sendText} one at a time, in
 * {@link #send} order. Without lanes (v1) one response is in flight per connection and later sends
 * wait locally until its terminal event; with lanes (v2) up to {@value
 * WebSocketModeSettings#LANE_IN_FLIGHT_LIMIT} are in flight and the rest wait. At most {@link
 * WebSocketModeSettings#maxQueuedSends()} wait; one more fails at once with {@link
 * ConnectionException#notSent}. A request that was never handed to the socket (queued when the
 * connection ended, or refused by the link) fails with {@link ConnectionException#notSent}: a retry
 * is safe. Once handed over, a failure is {@link ConnectionException#afterSend} and the session
 * never writes that request again. A {@code stream_id} that the service would refuse is refused
 * here, before sending, with the service's {@code invalid_stream_id} error.
 *
 * <p><b>Backpressure.</b> When a response's sink answers {@code push} with {@code false} the
 * session pauses the link; it resumes reading once every paused sink has called its resume callback
 * (they are counted, per response). So memory is bounded by the sinks' buffers plus the frames the
 * link had already read when it paused. Terminal events never pause, and a response that ends, is
 * cancelled or times out no longer holds the connection paused. While reading is paused the
 * dead-peer check is suspended (pongs cannot be read either) and restarts on resume.
 *
 * <p><b>Deadlines.</b> Each response has its own {@code ExchangeDeadlines}: TOTAL from {@link
 * #send}, FIRST_EVENT from the moment its frame was written, IDLE between its events. A response
 * that times out fails with a {@link io.agentchannel.error.PhaseTimeoutException}. Without lanes
 * the connection's state is then unknown (the server may still be producing that response), so the
 * session closes it; with lanes the response's remaining events are read and dropped until its
 * terminal event, and the connection stays usable.
 *
 * <p><b>Cancellation.</b> The protocol has no cancel: a cancelled response still in the local queue
 * is never sent; one in flight has its remaining events read and dropped until its terminal event,
 * so the connection stays usable (without lanes the next send waits for that event).
 *
 * <p><b>Keep-alive.</b> When nothing has arrived for {@link WebSocketModeSettings#pingInterval()}
 * the session pings; when nothing at all (no frame, no pong) has arrived for {@link
 * WebSocketModeSettings#deadPeerTimeout()} it closes the connection and fails every response in
 * flight with {@link ConnectionException#afterSend}.
 *
 * <p><b>Rotation.</b> {@link #openedAt()} comes from the settings' clock. Past {@link
 * WebSocketModeSettings#rotateAfter()} the session stops taking sends ({@link #isOpen()} is false,
 * so the runtime opens a new connection) and closes itself once its last response has ended.
 *
 * <p><b>Closing.</b> A close or a drop before a response's terminal event fails it with {@link
 * ConnectionException#afterSend}; it never hangs and never completes silently. A frame that is not
 * an event, or a binary frame, fails every response with a {@link ProtocolViolationException} and
 * closes the connection, whose state is then unknowable.
 *
 * <p><b>Threading.</b> {@link #send}, {@link #close()}, {@link #isOpen()} and {@link #openedAt()}
 * are thread-safe and never block. {@code on...} methods are called by the transport's single
 * reader, in order. Sinks are pushed into outside the session's lock, from the reader thread.
 */
public final class WebSocketModeSession implements TransportSession {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketModeSession.class);

  private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9_.-]{1,256}");

  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  private static final long MAX_TICK_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final WebSocketLink link;
  private final WebSocketModeSettings settings;
  private final WireCodec codec = WireCodec.shared();
  private final Instant openedAt;
  private final ScheduledFuture<?> ticker;

  private final Object lock = new Object();
  // Guarded by lock.
  private boolean closed;
  private ServerEvent.Error connectionLimit; // the server's age-limit frame, once it came
  private boolean rotating;
  private final ArrayDeque<Exchange> queued = new ArrayDeque<>();
  private final Lanes lanes = new Lanes();
  private boolean writing;
  private int pausedResponses;

  // The writer is driven by one thread at a time (see pump); this counter says whether another
  // pass is due.
  private final AtomicInteger pumpPasses = new AtomicInteger();
  // Never taken while holding lock (the other way round is fine): guards linkPaused.
  private final Object readState = new Object();
  private boolean linkPaused;

  private volatile long lastHeardNanos = System.nanoTime();
  private volatile long lastPingNanos = lastHeardNanos;

  /**
   * A session over an open connection. Starts the keep-alive ticker on the settings' timer.
   *
   * @param link the connection, already open
   * @param settings deadlines, lanes, keep-alive, queue bound, rotation
   */
  public WebSocketModeSession(WebSocketLink link, WebSocketModeSettings settings) {
    this.link = Objects.requireNonNull(link, "link");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.openedAt = settings.clock().instant();
    long tick = tickNanos(settings);
    this.ticker =
        tick == 0
            ? null
            : settings.timer().scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.NANOSECONDS);
  }

  // ---- TransportSession ----

  @Override
  public void send(CreateRequest request, EventSink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    String streamId = request.streamId();
    if (settings.lanes() && streamId != null && !STREAM_ID.matcher(streamId).matches()) {
      sink.fail(invalidStreamId(streamId));
      return;
    }
    String lane = settings.lanes() && streamId != null ? streamId : Lanes.DEFAULT;
    String frame;
    try {
      frame = codec.writeCreateFrame(request);
    } catch (RuntimeException unwritable) {
      sink.fail(
          ConnectionException.notSent("could not encode the request: " + unwritable, unwritable));
      return;
    }
    String description =
        "response (model " + request.model() + (lane.isEmpty() ? "" : ", lane " + lane) + ")";
    AgentChannelException refused;
    Exchange exchange = null;
    synchronized (lock) {
      refused = refusal();
      int freeInFlight = Math.max(0, settings.maxInFlight() - lanes.inFlight());
      if (refused == null && queued.size() >= settings.maxQueuedSends() + freeInFlight) {
        refused =
            ConnectionException.notSent(
                "the connection's local send queue is full ("
                    + settings.maxQueuedSends()
                    + " requests wait for their turn)",
                null);
      }
      if (refused == null) {
        exchange = newExchange(frame, lane, description, sink);
        queued.addLast(exchange);
      }
    }
    if (refused != null) {
      sink.fail(refused);
      return;
    }
    Exchange registered = exchange;
    registered.sink().onResume(() -> onSinkResumed(registered));
    registered.sink().onCancel(() -> onCancelled(registered));
    pump();
  }

  @Override
  public boolean isOpen() {
    synchronized (lock) {
      if (closed || connectionLimit != null) {
        return false;
      }
    }
    if (pastRotationAge()) {
      retireForAge();
      return false;
    }
    return true;
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  /**
   * Closes the connection with code 1000. Responses in flight fail with {@link
   * ConnectionException#afterSend}, queued ones with {@link ConnectionException#notSent}.
   * Idempotent.
   */
  @Override
  public void close() {
    if (abandon("the session was closed", null)) {
      link.close(1000, "session closed");
    }
  }

  // ---- what the transport's reader reports ----

  /** One complete text frame, as read. */
  public void onText(String frame) {
    lastHeardNanos = System.nanoTime();
    ServerEvent event;
    try {
      event = codec.readEvent(frame);
    } catch (ProtocolViolationException violation) {
      protocolViolation(violation);
      return;
    }
    route(event);
  }

  /** A binary frame: not part of the protocol, so a protocol violation. */
  public void onBinary() {
    lastHeardNanos = System.nanoTime();
    protocolViolation(
        new ProtocolViolationException(
            "the server sent a binary frame; WebSocket mode uses only text frames"));
  }

  /** A pong (the answer to {@link WebSocketLink#ping}). */
  public void onPong() {
    lastHeardNanos = System.nanoTime();
  }

  /**
   * The connection is closed: by the peer (its close frame's code and reason), by {@link
   * WebSocketLink#close}, or lost (code 1006). Every response not yet ended fails. Idempotent.
   */
  public void onClosed(int code, String reason) {
    String why =
        "the connection closed (code "
            + code
            + (reason == null || reason.isEmpty() ? "" : ", reason: " + reason)
            + ") before the response's terminal event";
    abandon(why, null);
  }

  /** An I/O error on the socket. Every response not yet ended fails and the link is closed. */
  public void onError(Throwable error) {
    if (abandon("the connection failed before the response's terminal event: " + error, error)) {
      link.close(1011, "connection error");
    }
  }

  // ---- routing ----

  private void route(ServerEvent event) {
    String lane = settings.lanes() && event.streamId() != null ? event.streamId() : Lanes.DEFAULT;
    boolean limitError =
        event instanceof ServerEvent.Error error
            && ConnectionLimitReachedException.CODE.equals(error.error().code());
    boolean terminal = event.isTerminal();
    Exchange target;
    boolean deliver;
    synchronized (lock) {
      if (closed) {
        return;
      }
      target = lanes.oldest(lane);
      if (limitError && connectionLimit == null) {
        connectionLimit = (ServerEvent.Error) event;
      }
      if (limitError && settings.lanes() && event.streamId() == null) {
        // The service sends the age limit without stream_id even when it refuses a named lane's
        // create: it belongs to no response; responses the server never started fail at close.
        target = null;
      }
      if (target == null) {
        deliver = false;
      } else {
        target.started();
        deliver = !target.discarding();
        if (terminal) {
          lanes.remove(target);
          target.stage(Stage.DONE);
          releasePause(target);
        }
      }
    }
    if (target == null) {
      unattributed(event, limitError);
      return;
    }
    if (terminal) {
      if (deliver) {
        target.finish(event);
      }
      applyReadState();
      pump();
      closeIfRetiredAndIdle();
      return;
    }
    if (!deliver) {
      return;
    }
    long resumesBefore;
    synchronized (lock) {
      resumesBefore = target.resumes();
    }
    if (!target.push(event)) {
      synchronized (lock) {
        // A resume that ran after push answered false already undid this pause.
        if (target.resumes() == resumesBefore
            && !target.paused()
            && target.stage() != Stage.DONE
            && !target.discarding()) {
          target.paused(true);
          pausedResponses++;
        }
      }
      applyReadState();
    }
  }

  private void unattributed(ServerEvent event, boolean limitError) {
    if (limitError) {
      LOG.debug("the server reached this connection's age limit; the session takes no more sends");
      closeIfRetiredAndIdle();
    } else if (event instanceof ServerEvent.Error error) {
      LOG.warn(
          "connection-level error frame with no response to attach it to: {}",
          ApiException.fromEvent(error).getMessage());
    } else {
      LOG.debug("dropped a {} event that belongs to no response in flight", event.type());
    }
  }

  private void protocolViolation(ProtocolViolationException violation) {
    List<Exchange> ended = takeAll();
    if (ended == null) {
      return;
    }
    for (Exchange exchange : ended) {
      exchange.fail(
          exchange.stage() == Stage.QUEUED
              ? ConnectionException.notSent(
                  "not sent: the connection was closed after a protocol violation", violation)
              : violation);
    }
    link.close(1002, "protocol violation");
  }

  // ---- the writer ----

  /** Writes queued requests while there is room in flight; one pass at a time. */
  private void pump() {
    if (pumpPasses.getAndIncrement() != 0) {
      return; // the thread already pumping makes another pass
    }
    int missed = 1;
    do {
      while (true) {
        Exchange next;
        synchronized (lock) {
          next = nextToWrite();
          if (next == null) {
            break;
          }
          writing = true;
          // Routable before the write: the answer may come before the write is acknowledged.
          lanes.add(next);
          next.stage(Stage.IN_FLIGHT);
        }
        Exchange writtenExchange = next;
        try {
          link.sendText(next.frame(), error -> written(writtenExchange, error));
        } catch (RuntimeException linkBug) {
          written(writtenExchange, linkBug);
        }
      }
      missed = pumpPasses.addAndGet(-missed);
    } while (missed != 0);
  }

  private Exchange nextToWrite() {
    if (closed || writing || lanes.inFlight() >= settings.maxInFlight()) {
      return null;
    }
    return queued.pollFirst();
  }

  private void written(Exchange exchange, Throwable error) {
    if (error == null) {
      synchronized (lock) {
        writing = false;
      }
      exchange.written();
      pump();
      return;
    }
    boolean wasInFlight;
    synchronized (lock) {
      writing = false;
      wasInFlight = lanes.remove(exchange);
      exchange.stage(Stage.DONE);
      releasePause(exchange);
    }
    if (wasInFlight) {
      exchange.fail(ConnectionException.notSent("could not write the request: " + error, error));
    }
    // A socket that refuses a write is broken: end the session so the runtime opens another.
    if (abandon("the connection failed while writing another request: " + error, error)) {
      link.close(1011, "write failed");
    }
  }

  // ---- backpressure ----

  private void onSinkResumed(Exchange exchange) {
    synchronized (lock) {
      exchange.resumed();
      if (!releasePause(exchange)) {
        return;
      }
    }
    applyReadState();
  }

  /** Un-counts a response's pause; guarded by lock. Whether it held one. */
  private boolean releasePause(Exchange exchange) {
    if (!exchange.paused()) {
      return false;
    }
    exchange.paused(false);
    pausedResponses--;
    return true;
  }

  /**
   * Brings the link's reading in line with the pause count. Under a lock of its own rather than
   * handed to whichever thread is already at it: the reader that asked for a pause must find the
   * link paused when this returns, or it would read on.
   */
  private void applyReadState() {
    synchronized (readState) {
      boolean pause;
      synchronized (lock) {
        pause = pausedResponses > 0 && !closed;
      }
      if (pause != linkPaused) {
        linkPaused = pause;
        if (pause) {
          link.pauseReading();
        } else {
          lastHeardNanos = System.nanoTime(); // silence while paused says nothing about the peer
          link.resumeReading();
        }
      }
    }
  }

  private boolean readingPaused() {
    synchronized (lock) {
      return pausedResponses > 0;
    }
  }

  // ---- cancellation and deadlines ----

  private void onCancelled(Exchange exchange) {
    synchronized (lock) {
      switch (exchange.stage()) {
        case QUEUED -> {
          queued.remove(exchange);
          exchange.stage(Stage.DONE);
        }
        case IN_FLIGHT -> {
          exchange.discard();
          releasePause(exchange);
        }
        case DONE -> {
          return;
        }
      }
    }
    applyReadState();
  }

  private void onDeadline(Exchange exchange, PhaseTimeoutException timeout) {
    boolean neverSent;
    synchronized (lock) {
      neverSent = exchange.stage() == Stage.QUEUED;
    }
    if (settings.lanes() || neverSent) {
      // A request still waiting locally (its TOTAL deadline passed) costs the connection nothing.
      onCancelled(exchange); // settled before the caller hears of the timeout
      exchange.failTarget(timeout);
      return;
    }
    // The server may still be producing this response, and v1 has no lanes to tell it apart from
    // the next one: the connection cannot be trusted any more. It is marked closed before the
    // caller hears of the timeout, so a retry goes to a new connection.
    List<Exchange> ended = takeAll();
    exchange.failTarget(timeout);
    if (ended != null) {
      ended.remove(exchange);
      failAll(ended, "another response on the connection timed out", null);
      link.close(1000, "response timed out");
    }
  }

  private Exchange newExchange(String frame, String lane, String description, EventSink sink) {
    return new Exchange(
        frame, lane, description, sink, settings.timeouts(), settings.timer(), this::onDeadline);
  }

  // ---- keep-alive and rotation ----

  private static long tickNanos(WebSocketModeSettings settings) {
    long shortest = Long.MAX_VALUE;
    for (Duration d :
        List.of(settings.pingInterval(), settings.deadPeerTimeout(), settings.rotateAfter())) {
      if (!d.isZero()) {
        shortest = Math.min(shortest, d.toNanos());
      }
    }
    if (shortest == Long.MAX_VALUE) {
      return 0;
    }
    return Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, shortest / 4));
  }

  private void tick() {
    try {
      if (pastRotationAge()) {
        retireForAge();
      }
      if (readingPaused()) {
        return;
      }
      long now = System.nanoTime();
      long silent = now - lastHeardNanos;
      Duration deadPeer = settings.deadPeerTimeout();
      if (!deadPeer.isZero() && silent >= deadPeer.toNanos()) {
        if (abandon(
            "nothing arrived from the server for "
                + Duration.ofNanos(silent).toMillis()
                + " ms (dead-peer timeout "
                + deadPeer
                + "): the connection is considered dead",
            null)) {
          link.close(1001, "peer silent");
        }
        return;
      }
      Duration ping = settings.pingInterval();
      if (!ping.isZero() && silent >= ping.toNanos() && now - lastPingNanos >= ping.toNanos()) {
        lastPingNanos = now;
        link.ping();
      }
    } catch (RuntimeException unexpected) {
      LOG.warn("keep-alive tick failed", unexpected);
    }
  }

  private boolean pastRotationAge() {
    Duration limit = settings.rotateAfter();
    return !limit.isZero()
        && Duration.between(openedAt, settings.clock().instant()).compareTo(limit) >= 0;
  }

  private void retireForAge() {
    synchronized (lock) {
      rotating = true;
    }
    closeIfRetiredAndIdle();
  }

  private void closeIfRetiredAndIdle() {
    boolean idle;
    synchronized (lock) {
      idle =
          !closed
              && (rotating || connectionLimit != null)
              && lanes.inFlight() == 0
              && queued.isEmpty();
    }
    if (idle && abandon("the connection was rotated", null)) {
      link.close(1000, "rotated");
    }
  }

  // ---- ending ----

  /** Why a send is refused now, or {@code null}; guarded by lock. */
  private AgentChannelException refusal() {
    if (connectionLimit != null) {
      return ApiException.fromEvent(connectionLimit);
    }
    if (closed) {
      return ConnectionException.notSent("the session is closed", null);
    }
    if (rotating) {
      return ConnectionException.notSent(
          "the connection is past its rotation age and takes no more requests", null);
    }
    return null;
  }

  /**
   * Ends the session once: fails every response not yet ended (in flight: after send, or the
   * connection-limit error for those the server never started; queued: not sent).
   *
   * @return whether this call ended it (so the caller closes the link)
   */
  private boolean abandon(String why, Throwable cause) {
    List<Exchange> ended = takeAll();
    if (ended == null) {
      return false;
    }
    failAll(ended, why, cause);
    return true;
  }

  private void failAll(List<Exchange> ended, String why, Throwable cause) {
    ServerEvent.Error limit;
    synchronized (lock) {
      limit = connectionLimit;
    }
    for (Exchange exchange : ended) {
      if (exchange.stage() == Stage.QUEUED) {
        exchange.fail(
            limit != null
                ? ApiException.fromEvent(limit)
                : ConnectionException.notSent("not sent: " + why, cause));
      } else if (limit != null && !exchange.hasStarted()) {
        exchange.fail(ApiException.fromEvent(limit));
      } else {
        exchange.fail(ConnectionException.afterSend(why, cause));
      }
    }
  }

  /** Marks the session closed and takes every exchange not yet ended; {@code null} if closed. */
  private List<Exchange> takeAll() {
    List<Exchange> ended = new ArrayList<>();
    synchronized (lock) {
      if (closed) {
        return null;
      }
      closed = true;
      for (Exchange exchange : lanes.clear()) {
        exchange.stage(Stage.DONE);
        ended.add(exchange);
      }
      for (Exchange exchange : queued) {
        ended.add(exchange); // stays QUEUED, so it is reported as not sent
      }
      queued.clear();
      pausedResponses = 0;
      if (ticker != null) {
        ticker.cancel(false);
      }
      for (Exchange exchange : ended) {
        exchange.paused(false);
      }
    }
    return ended;
  }

  private static ApiException invalidStreamId(String streamId) {
    return new ApiException(
        400,
        ErrorDetail.of(
            "invalid_request_error",
            "invalid_stream_id",
            "The 'stream_id' field must be a non-empty string with at most 256 characters and may"
                + " only contain letters, numbers, underscores, hyphens, and periods (checked"
                + " before sending; the request was not sent). Got "
                + (streamId.length() > 40 ? streamId.substring(0, 40) + "..." : streamId),
            "stream_id"),
        null,
        Map.of());
  }
}
