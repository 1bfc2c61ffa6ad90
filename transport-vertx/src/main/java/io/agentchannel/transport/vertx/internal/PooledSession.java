package io.agentchannel.transport.vertx.internal;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A session of the {@code vertx} transport: a small pool of WebSocket-mode connections to one
 * endpoint, so one session (what a channel holds) can run parallel conversations.
 *
 * <p><b>Routing.</b> A continuation ({@code previous_response_id} of a response started in this
 * session) goes to the connection, and on v2 the lane, whose server-side cache holds that response,
 * even if it is busy (v1 then queues it behind the response in flight: only there is the state). A
 * new conversation goes to the least loaded open connection that has room (v1: nothing in flight;
 * v2: fewer than 16 in flight), on v2 to a lane of its own ({@link Lanes}); when none has room a
 * new connection is opened, up to {@code max-connections}; past that it queues on the least loaded
 * one. A request that names its {@code stream_id} keeps it.
 *
 * <p><b>Lifecycle.</b> {@link PooledSession#start} opens the first connection, so a refused upgrade
 * (401, 426, ...) fails the session's opening. Connections that close or reach the server's age
 * limit leave the pool; the next new conversation opens a fresh one (whose cache is empty: a {@code
 * store:false} continuation of a response from the lost connection gets {@code
 * previous_response_not_found}, which the caller answers by sending the full context). Surplus
 * connections idle past {@code idle-eviction} are closed; the last one stays. {@link #close()}
 * closes every connection and fails what is in flight on them.
 *
 * <p>Thread-safe; {@link #send} never blocks.
 */
final class PooledSession implements TransportSession, TrackingSink.Listener {

  /** Responses the server runs at once on one v2 connection. */
  static final int V2_IN_FLIGHT = 16;

  private final IntFunction<CompletableFuture<TransportSession>> opener;
  private final boolean lanes;
  private final int maxConnections;
  private final Duration idleEviction;
  private final Runnable onClose;
  private final Instant createdAt;

  private final List<PooledConnection> connections = new ArrayList<>(); // guarded by this
  private final Map<String, Home> homes = new HashMap<>(); // guarded by this
  private int opened; // guarded by this
  private boolean closed; // guarded by this
  private ScheduledFuture<?> eviction;

  /** Where a response's state lives. */
  private record Home(PooledConnection connection, String lane) {}

  private record Route(PooledConnection connection, String lane) {}

  /**
   * @param opener opens connection number n and completes with the engine session over it
   */
  PooledSession(
      IntFunction<CompletableFuture<TransportSession>> opener,
      boolean lanes,
      int maxConnections,
      Duration idleEviction,
      Clock clock,
      Runnable onClose) {
    this.opener = opener;
    this.lanes = lanes;
    this.maxConnections = maxConnections;
    this.idleEviction = idleEviction;
    this.onClose = onClose;
    this.createdAt = clock.instant();
  }

  /** Opens the first connection; completes with this session once it is open. */
  CompletableFuture<TransportSession> start(ScheduledExecutorService timer) {
    PooledConnection first;
    synchronized (this) {
      first = openConnection();
      if (!idleEviction.isZero()) {
        long period = Math.max(250, Math.min(30_000, idleEviction.toMillis() / 4));
        eviction =
            timer.scheduleAtFixedRate(this::evictIdle, period, period, TimeUnit.MILLISECONDS);
      }
    }
    return first.ready.handle(
        (session, error) -> {
          if (error != null) {
            close();
            throw error instanceof CompletionException ce ? ce : new CompletionException(error);
          }
          return this;
        });
  }

  @Override
  public void send(CreateRequest request, EventSink sink) {
    send(request, sink, false);
  }

  @Override
  public boolean resend(CreateRequest request, EventSink target) {
    synchronized (this) {
      if (closed) {
        return false;
      }
    }
    send(request, target, true);
    return true;
  }

  private void send(CreateRequest request, EventSink sink, boolean lastChance) {
    Route route = null;
    synchronized (this) {
      if (!closed) {
        route = route(request);
        route.connection.inFlight++;
        if (route.lane != null) {
          route.connection.lanes.use(route.lane);
        }
      }
    }
    if (route == null) { // the caller's callbacks run outside the pool's lock
      sink.fail(ConnectionException.notSent("the session is closed", null));
      return;
    }
    PooledConnection connection = route.connection;
    String lane = route.lane;
    CreateRequest toSend =
        lane == null || lane.equals(request.streamId())
            ? request
            : request.toBuilder().streamId(lane).build();
    TrackingSink tracking = new TrackingSink(sink, connection, lane, this, request, lastChance);
    connection.ready.whenComplete(
        (session, error) -> {
          if (error != null) {
            // Opening failed: the next attempt would open again and fail alike (refused, 426).
            ended(connection, lane);
            sink.fail(typed(error));
          } else {
            sendOn(session, toSend, tracking);
          }
        });
  }

  private static void sendOn(TransportSession session, CreateRequest request, EventSink sink) {
    try {
      session.send(request, sink);
    } catch (RuntimeException bug) {
      // Here, inside a future's callback, a throw would be lost and the response would hang.
      sink.fail(ConnectionException.notSent("the engine rejected the request: " + bug, bug));
    }
  }

  // Guarded by this.
  private Route route(CreateRequest request) {
    String parent = request.previousResponseId();
    if (parent != null) {
      Home home = homes.get(parent);
      if (home != null && home.connection.isUsable()) {
        String lane = request.streamId() != null ? request.streamId() : home.lane;
        return new Route(home.connection, lanes ? lane : null);
      }
    }
    prune();
    int room = lanes ? V2_IN_FLIGHT : 1;
    PooledConnection pick = null;
    for (PooledConnection c : connections) {
      if (c.inFlight < room && (pick == null || c.inFlight < pick.inFlight)) {
        pick = c;
      }
    }
    if (pick == null && connections.size() < maxConnections) {
      pick = openConnection();
    }
    if (pick == null) {
      for (PooledConnection c : connections) {
        if (pick == null || c.inFlight < pick.inFlight) {
          pick = c;
        }
      }
    }
    if (!lanes) {
      return new Route(pick, null);
    }
    String lane = request.streamId() != null ? request.streamId() : pick.lanes.assign();
    return new Route(pick, lane);
  }

  // Guarded by this.
  private PooledConnection openConnection() {
    PooledConnection connection = new PooledConnection(++opened, opener.apply(opened));
    connections.add(connection);
    return connection;
  }

  /** Drops connections that can take nothing more and have nothing in flight. Guarded by this. */
  private void prune() {
    for (Iterator<PooledConnection> it = connections.iterator(); it.hasNext(); ) {
      PooledConnection c = it.next();
      if (!c.isUsable() && c.inFlight == 0) {
        it.remove();
        forget(c);
        c.close();
      } else if (!c.isUsable()) {
        it.remove(); // its responses end on their own; their ends find it gone
        forget(c);
      }
    }
  }

  private void forget(PooledConnection c) {
    for (String id : c.latestByLane.values()) {
      homes.remove(id);
    }
    c.latestByLane.clear();
  }

  private void evictIdle() {
    List<PooledConnection> evicted = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      prune();
      long now = System.nanoTime();
      for (Iterator<PooledConnection> it = connections.iterator(); it.hasNext(); ) {
        PooledConnection c = it.next();
        boolean idle = c.inFlight == 0 && c.ready.isDone();
        if (idle && connections.size() > 1 && now - c.idleSinceNanos >= idleEviction.toNanos()) {
          it.remove();
          forget(c);
          evicted.add(c);
        }
      }
    }
    evicted.forEach(PooledConnection::close);
  }

  @Override
  public void started(PooledConnection connection, String lane, String responseId) {
    synchronized (this) {
      if (!connections.contains(connection)) {
        return;
      }
      String key = lane == null ? PooledConnection.DEFAULT_LANE : lane;
      String previous = connection.latestByLane.put(key, responseId);
      if (previous != null) {
        homes.remove(previous); // the server caches only the latest response of a lane
      }
      homes.put(responseId, new Home(connection, lane));
    }
  }

  /**
   * Retires a connection that must take no new work although its engine session may not have
   * noticed yet: past the age limit, or (v1) holding a response that timed out.
   */
  @Override
  public void spoiled(PooledConnection connection, AgentChannelException error) {
    if ((!lanes && error instanceof PhaseTimeoutException)
        || error instanceof ConnectionLimitReachedException) {
      connection.retired = true;
    }
  }

  @Override
  public void ended(PooledConnection connection, String lane) {
    boolean retired;
    synchronized (this) {
      connection.inFlight--;
      if (lane != null) {
        connection.lanes.release(lane);
      }
      if (connection.inFlight == 0) {
        connection.idleSinceNanos = System.nanoTime();
      }
      retired = connection.inFlight == 0 && !connections.contains(connection);
    }
    if (retired) {
      connection.close(); // left the pool while busy (age limit); its last response has ended
    }
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed;
  }

  /** When the oldest open connection was established (the first to reach an age limit). */
  @Override
  public Instant openedAt() {
    Instant oldest = null;
    synchronized (this) {
      for (PooledConnection c : connections) {
        TransportSession session = c.sessionOrNull();
        if (session != null && session.isOpen()) {
          Instant at = session.openedAt();
          oldest = oldest == null || at.isBefore(oldest) ? at : oldest;
        }
      }
    }
    return oldest != null ? oldest : createdAt;
  }

  @Override
  public void close() {
    List<PooledConnection> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(connections);
      connections.clear();
      homes.clear();
      if (eviction != null) {
        eviction.cancel(false);
      }
    }
    toClose.forEach(PooledConnection::close);
    onClose.run();
  }

  private static AgentChannelException typed(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof AgentChannelException typed) {
      return typed;
    }
    return ConnectionException.notSent("could not open a connection: " + cause, cause);
  }
}
