package io.agentchannel.sim.internal.ws;

import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.data.InFlightPolicy;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.refusal.Refusals;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.sim.internal.run.TurnRunner;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.http.WebSocketInternal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One WebSocket-mode connection: reads {@code response.create} frames, runs them on their lanes
 * (FIFO per lane; v2 runs up to {@value #MAX_IN_FLIGHT} at once across lanes and queues the rest),
 * keeps the connection-local cache of the latest response per lane, and enforces the connection's
 * age limit. Everything dies with the socket: the cache, the queues, the turns in flight.
 *
 * <p>Confined to the event loop the socket belongs to; the only shared state it touches is the
 * thread-safe {@link Simulator}.
 */
final class WsConnection {

  /** Responses in flight at once on one v2 connection. */
  static final int MAX_IN_FLIGHT = 16;

  /** Distinct named lanes over one connection's life. */
  static final int MAX_NAMED_LANES = 32;

  private final Vertx vertx;
  private final Simulator sim;
  private final ServerWebSocket ws;
  private final HttpConnection tcp;
  private final Instant openedAt;
  private final WebSocketMode mode;
  private final WireCodec codec = WireCodec.shared();
  private final Lane defaultLane = new Lane(null);
  private final Map<String, Lane> namedLanes = new HashMap<>();
  private final ArrayDeque<Lane> waitingForSlot = new ArrayDeque<>();
  private final List<Runnable> drainWaiters = new ArrayList<>();
  private final WsOutput output = new WsOutput(this);
  private int inFlight;
  private boolean closingForAge;
  private boolean closed;

  WsConnection(Vertx vertx, Simulator sim, ServerWebSocket ws, HttpConnection tcp) {
    this.vertx = vertx;
    this.sim = sim;
    this.ws = ws;
    this.tcp = tcp;
    this.openedAt = sim.options().clock().instant();
    this.mode = sim.options().webSocketMode();
  }

  void start() {
    sim.metrics().connectionOpened("websocket");
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(
        b ->
            sendError(
                null,
                400,
                SimError.invalidRequest(
                    "invalid_frame",
                    "Binary frames are not supported: send each client event as a JSON text"
                        + " frame.",
                    null)));
    ws.closeHandler(v -> onClosed());
    ws.exceptionHandler(e -> drop());
    ws.drainHandler(v -> onDrained());
  }

  // ---- reading ----

  private void onText(String frame) {
    if (closed) {
      return;
    }
    if (ClientFrames.utf8LengthExceeds(frame, sim.options().maxRequestBytes())) {
      sendError(
          null,
          413,
          new SimError(
              413,
              "invalid_request_error",
              "request_too_large",
              "The message exceeds the limit of " + sim.options().maxRequestBytes() + " bytes.",
              null));
      return;
    }
    CreateRequest request;
    try {
      request = codec.readCreateFrame(frame);
    } catch (ProtocolViolationException e) {
      onUnreadable(frame, e);
      return;
    }
    try {
      accept(request);
    } catch (SimError e) {
      sendError(echoableStreamId(request.streamId()), e.status(), e);
    } catch (RuntimeException bug) {
      sendError(echoableStreamId(request.streamId()), 500, SimError.unexpected(bug));
    }
  }

  private void onUnreadable(String frame, ProtocolViolationException e) {
    if ("response.steer".equals(e.eventType()) && ClientFrames.isOtherEvent(e)) {
      sim.metrics().error("steering_not_supported");
      send(ClientFrames.steeringNotSupported(frame));
      return;
    }
    sendError(echoableStreamId(ClientFrames.streamIdOf(frame)), 400, ClientFrames.problemOf(e));
  }

  private void accept(CreateRequest request) {
    String streamId = request.streamId();
    Lane lane;
    if (mode == WebSocketMode.V1) {
      if (streamId != null) {
        throw SimError.invalidRequest(
            "unknown_parameter", "Unknown parameter: 'stream_id'.", "stream_id");
      }
      lane = defaultLane;
    } else {
      lane = laneOf(streamId);
    }
    if (ageLimitReached() || closingForAge) {
      refuseForAge();
      return;
    }
    Fault fault = sim.faultOf(request, null);
    if (fault != null && fault.kind() == Fault.Kind.CONNECTION_LIMIT) {
      refuseForAge();
      return;
    }
    if (mode == WebSocketMode.V1
        && lane.busy()
        && sim.options().inFlightPolicy() == InFlightPolicy.REJECT) {
      throw new SimError(
          409,
          "invalid_request_error",
          "response_already_in_flight",
          "A response is already in flight on this connection; wait for its terminal event before"
              + " sending another response.create.",
          null);
    }
    lane.queue.add(new Lane.Pending(request, fault));
    startNext(lane);
  }

  private Lane laneOf(String streamId) {
    if (streamId == null) {
      return defaultLane;
    }
    if (!ClientFrames.isValidStreamId(streamId)) {
      throw SimError.invalidRequest(
          "invalid_stream_id",
          "The 'stream_id' field must be a non-empty string with at most 256 characters and may"
              + " only contain letters, numbers, underscores, hyphens, and periods.",
          "stream_id");
    }
    Lane lane = namedLanes.get(streamId);
    if (lane == null) {
      if (namedLanes.size() >= MAX_NAMED_LANES) {
        throw SimError.invalidRequest(
            "websocket_stream_limit_reached",
            "This WebSocket connection has reached its maximum number of distinct stream IDs ("
                + MAX_NAMED_LANES
                + "). Reuse an existing stream_id or open a new WebSocket connection.",
            "stream_id");
      }
      lane = new Lane(streamId);
      namedLanes.put(streamId, lane);
    }
    return lane;
  }

  // ---- running ----

  private void startNext(Lane lane) {
    while (!closed && !lane.busy() && !lane.queue.isEmpty()) {
      if (mode == WebSocketMode.V2 && inFlight >= MAX_IN_FLIGHT) {
        if (!lane.waitingForSlot) {
          lane.waitingForSlot = true;
          waitingForSlot.add(lane);
        }
        return;
      }
      Lane.Pending next = lane.queue.poll();
      try {
        run(lane, next);
      } catch (SimError e) {
        evictAfterFailure(lane, next.request().previousResponseId());
        sendError(lane.streamId, e.status(), e);
      } catch (RuntimeException bug) {
        evictAfterFailure(lane, next.request().previousResponseId());
        sendError(lane.streamId, 500, SimError.unexpected(bug));
      }
    }
  }

  private void run(Lane lane, Lane.Pending pending) {
    CreateRequest request = pending.request();
    Fault fault = pending.fault();
    if (fault != null && fault.kind() == Fault.Kind.STATUS) {
      throw Refusals.ofStatus(fault.value(), fault.retryAfterSeconds());
    }
    Simulator.checkRequest(request);
    Continuation continuation = resolve(lane, request.previousResponseId(), fault);
    PreparedTurn turn =
        sim.prepare(request, continuation, Simulator.Transport.WEBSOCKET, lane.streamId, fault);
    TurnRunner runner = new TurnRunner(vertx, turn, output, result -> ended(lane, turn, result));
    lane.running = runner;
    inFlight++;
    runner.start();
  }

  /**
   * Resolves {@code previous_response_id}: the lane's cache, then (v2) another lane's, which makes
   * a fork; on a miss, the response store if the response was stored; else not found.
   */
  private Continuation resolve(Lane lane, String previous, Fault fault) {
    if (previous == null) {
      return Continuation.none();
    }
    if (fault == null || fault.kind() != Fault.Kind.PREVIOUS_RESPONSE_NOT_FOUND) {
      StoredResponse hit = cachedAnywhere(lane, previous);
      if (hit != null) {
        sim.metrics().cacheHit();
        return Continuation.cached(hit);
      }
      sim.metrics().cacheMiss();
      StoredResponse stored = sim.store().get(previous);
      if (stored != null) {
        sim.metrics().rehydration();
        return Continuation.rehydrated(stored);
      }
    }
    throw SimError.previousResponseNotFound(previous);
  }

  private StoredResponse cachedAnywhere(Lane lane, String id) {
    if (lane.cached != null && lane.cached.id().equals(id)) {
      return lane.cached;
    }
    if (mode == WebSocketMode.V2) {
      if (lane != defaultLane && defaultLane.cached != null && defaultLane.cached.id().equals(id)) {
        return defaultLane.cached;
      }
      for (Lane other : namedLanes.values()) {
        if (other.cached != null && other.cached.id().equals(id)) {
          return other.cached;
        }
      }
    }
    return null;
  }

  private void ended(Lane lane, PreparedTurn turn, TurnRunner.Result result) {
    lane.running = null;
    inFlight--;
    if (result.finalResponse() != null) {
      StoredResponse finished = turn.finished(result.finalResponse());
      sim.store().put(finished);
      if (result.outcome() != TurnRunner.Outcome.FAILED) {
        lane.cached = finished;
      }
    }
    if (result.outcome() == TurnRunner.Outcome.FAILED
        || result.outcome() == TurnRunner.Outcome.ERROR) {
      evictAfterFailure(lane, turn.request().previousResponseId());
    }
    sim.count(Simulator.Transport.WEBSOCKET, result);
    if (closed) {
      return;
    }
    startNext(lane);
    while (!waitingForSlot.isEmpty() && inFlight < MAX_IN_FLIGHT) {
      Lane waiting = waitingForSlot.poll();
      waiting.waitingForSlot = false;
      startNext(waiting);
    }
    if (inFlight == 0 && !closingForAge && ageLimitReached()) {
      refuseForAge();
    } else {
      closeIfIdleForAge();
    }
  }

  /** A failed same-lane continuation evicts the response it continued; a failed fork does not. */
  private static void evictAfterFailure(Lane lane, String previous) {
    if (previous != null && lane.cached != null && lane.cached.id().equals(previous)) {
      lane.cached = null;
    }
  }

  // ---- the age limit ----

  boolean ageLimitReached() {
    Duration age = Duration.between(openedAt, sim.options().clock().instant());
    return age.compareTo(sim.options().connectionLimit()) >= 0;
  }

  /** Called by the periodic sweep: an idle connection past its age is told so and closed. */
  void sweep() {
    if (!closed && inFlight == 0 && !closingForAge && ageLimitReached()) {
      refuseForAge();
    }
  }

  /**
   * Refuses a create (or tells an idle connection) with {@code websocket_connection_limit_reached}
   * and closes the connection once the responses already in flight, and those queued before the
   * limit, have finished: they were accepted, so they are not cut short.
   */
  private void refuseForAge() {
    closingForAge = true;
    sendAgeLimitError();
    closeIfIdleForAge();
  }

  private void closeIfIdleForAge() {
    if (closingForAge && !closed && inFlight == 0) {
      close(1000, "connection limit reached");
    }
  }

  private void sendAgeLimitError() {
    long minutes = sim.options().connectionLimit().toMinutes();
    String limit =
        minutes > 0
            ? minutes + " minutes"
            : sim.options().connectionLimit().toSeconds() + " seconds";
    sendError(
        null,
        400,
        SimError.invalidRequest(
            "websocket_connection_limit_reached",
            "Responses websocket connection limit reached ("
                + limit
                + "). Create a new websocket connection to continue.",
            null));
  }

  // ---- writing ----

  void send(String text) {
    if (!closed) {
      ws.writeTextMessage(text);
    }
  }

  private void sendError(String streamId, int status, SimError e) {
    sim.metrics().error(e.code(), status);
    ErrorDetail detail = e.detail();
    ServerEvent.Error frame =
        new ServerEvent.Error(
            new EventMeta(EventMeta.NO_SEQUENCE, streamId, Map.of()),
            status,
            detail,
            ServerEvent.ErrorShape.NESTED);
    send(codec.writeEvent(frame));
  }

  boolean writeQueueFull() {
    return !closed && ws.writeQueueFull();
  }

  void onDrain(Runnable action) {
    drainWaiters.add(action);
  }

  private void onDrained() {
    List<Runnable> ready = new ArrayList<>(drainWaiters);
    drainWaiters.clear();
    ready.forEach(Runnable::run);
  }

  /** Drops the TCP connection without a close frame: the peer sees an abnormal closure (1006). */
  void drop() {
    if (ws instanceof WebSocketInternal internal) {
      // Closing the connection through Vert.x sends a close frame (1000) first; closing the channel
      // below the WebSocket handler does not. What was written so far still goes out first.
      ChannelHandlerContext context = internal.channelHandlerContext();
      context.flush();
      context.close();
    } else {
      tcp.close();
    }
    onClosed();
  }

  void close(int code, String reason) {
    if (code == 1006) {
      drop();
      return;
    }
    if (!closed) {
      ws.close((short) code, reason);
      onClosed();
    }
  }

  private void onClosed() {
    if (closed) {
      return;
    }
    closed = true;
    sim.metrics().connectionClosed("websocket");
    List<TurnRunner> running = new ArrayList<>();
    if (defaultLane.running != null) {
      running.add(defaultLane.running);
    }
    for (Lane lane : namedLanes.values()) {
      if (lane.running != null) {
        running.add(lane.running);
      }
      lane.queue.clear();
      lane.cached = null;
    }
    defaultLane.queue.clear();
    defaultLane.cached = null;
    waitingForSlot.clear();
    drainWaiters.clear();
    running.forEach(TurnRunner::cancel);
  }

  boolean isClosed() {
    return closed;
  }

  /** The lane id an error may carry: only a valid one, and never under v1, which has no lanes. */
  private String echoableStreamId(String streamId) {
    return mode == WebSocketMode.V2 && streamId != null && ClientFrames.isValidStreamId(streamId)
        ? streamId
        : null;
  }
}
