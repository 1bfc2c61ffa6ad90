package io.agentchannel.internal.runtime;

import io.agentchannel.Capability;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The sessions a channel lends to its conversations, chosen by what the transport declares:
 *
 * <ul>
 *   <li>no {@code PERSISTENT_CONNECTION} (HTTP): every conversation shares the channel's session;
 *   <li>{@code PERSISTENT_CONNECTION} without {@code LANES} (WebSocket v1, one response in flight
 *       per connection): one connection per conversation; a released connection waits, idle, for
 *       the next conversation (at most {@value #MAX_IDLE} wait, the rest are closed);
 *   <li>{@code LANES}: conversations share connections, {@value #LANES_PER_CONNECTION} lanes
 *       ({@code stream_id}) each, a new connection once every lane of the open ones is taken.
 * </ul>
 *
 * <p>A connection past the rotation age, or no longer open, is never handed out again; an idle one
 * is closed, one with lanes in use is closed when its last lane is released. Thread-safe.
 */
public final class SessionPool {

  static final int MAX_IDLE = 16;
  static final int LANES_PER_CONNECTION = 16;

  private final Transport transport;
  private final Supplier<String> transportId;
  private final Supplier<CompletableFuture<TransportSession>> sharedSession;

  private final Deque<TransportSession> idle = new ArrayDeque<>(); // guarded by this
  private final List<LaneConnection> laneConnections = new ArrayList<>(); // guarded by this
  private final Set<TransportSession> owned = new HashSet<>(); // guarded by this
  private CompletableFuture<Void> openingLaneConnection; // guarded by this
  private boolean closed; // guarded by this

  public SessionPool(
      Transport transport,
      Supplier<String> transportId,
      Supplier<CompletableFuture<TransportSession>> sharedSession) {
    this.transport = transport;
    this.transportId = transportId;
    this.sharedSession = sharedSession;
  }

  public CompletableFuture<SessionLease> acquire(Duration rotateAfter, Clock clock) {
    Set<Capability> capabilities = transport.capabilities();
    String id = transportId.get();
    if (!capabilities.contains(Capability.PERSISTENT_CONNECTION)) {
      return sharedSession.get().thenApply(s -> new SessionLease(s, null, capabilities, id));
    }
    if (capabilities.contains(Capability.LANES)) {
      return acquireLane(rotateAfter, clock, capabilities, id);
    }
    return acquireExclusive(rotateAfter, clock, capabilities, id);
  }

  public void release(SessionLease lease, boolean reusable) {
    TransportSession session = lease.session();
    if (session == null) {
      return;
    }
    List<TransportSession> toClose = new ArrayList<>();
    synchronized (this) {
      if (!owned.contains(session)) {
        return; // the channel's shared session, or already closed
      }
      if (lease.streamId() != null) {
        for (LaneConnection connection : laneConnections) {
          if (connection.session == session) {
            connection.freeLanes.push(lease.streamId());
            if (!session.isOpen() && connection.inUse() == 0) {
              laneConnections.remove(connection);
              owned.remove(session);
              toClose.add(session);
            }
            break;
          }
        }
      } else if (reusable && session.isOpen() && !closed && idle.size() < MAX_IDLE) {
        idle.push(session);
      } else {
        owned.remove(session);
        toClose.add(session);
      }
    }
    toClose.forEach(TransportSession::close);
  }

  /** Closes every session the pool opened. */
  public void close() {
    List<TransportSession> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayList<>(owned);
      owned.clear();
      idle.clear();
      laneConnections.clear();
    }
    toClose.forEach(TransportSession::close);
  }

  private CompletableFuture<SessionLease> acquireExclusive(
      Duration rotateAfter, Clock clock, Set<Capability> capabilities, String id) {
    List<TransportSession> stale = new ArrayList<>();
    TransportSession reused = null;
    synchronized (this) {
      requireOpen();
      TransportSession candidate;
      while ((candidate = idle.poll()) != null) {
        if (candidate.isOpen() && !isAged(candidate, rotateAfter, clock)) {
          reused = candidate;
          break;
        }
        owned.remove(candidate);
        stale.add(candidate);
      }
    }
    stale.forEach(TransportSession::close);
    if (reused != null) {
      return CompletableFuture.completedFuture(new SessionLease(reused, null, capabilities, id));
    }
    return openOwned().thenApply(s -> new SessionLease(s, null, capabilities, id));
  }

  private CompletableFuture<SessionLease> acquireLane(
      Duration rotateAfter, Clock clock, Set<Capability> capabilities, String id) {
    CompletableFuture<Void> opening = null;
    SessionLease found = null;
    List<TransportSession> stale = new ArrayList<>();
    synchronized (this) {
      requireOpen();
      for (LaneConnection connection : new ArrayList<>(laneConnections)) {
        boolean usable =
            connection.session.isOpen() && !isAged(connection.session, rotateAfter, clock);
        if (!usable) {
          if (connection.inUse() == 0) {
            laneConnections.remove(connection);
            owned.remove(connection.session);
            stale.add(connection.session);
          }
          continue;
        }
        if (!connection.freeLanes.isEmpty()) {
          found =
              new SessionLease(connection.session, connection.freeLanes.pop(), capabilities, id);
          break;
        }
      }
      opening = found != null ? null : openingLaneConnection;
      if (found == null && opening == null) {
        CompletableFuture<Void> started =
            openOwned()
                .thenAccept(
                    session -> {
                      synchronized (this) {
                        laneConnections.add(new LaneConnection(session));
                      }
                    });
        openingLaneConnection = started;
        opening = started;
        started.whenComplete(
            (ignored, error) -> {
              synchronized (this) {
                if (openingLaneConnection == started) {
                  openingLaneConnection = null;
                }
              }
            });
      }
    }
    stale.forEach(TransportSession::close);
    if (found != null) {
      return CompletableFuture.completedFuture(found);
    }
    return opening.thenCompose(ignored -> acquireLane(rotateAfter, clock, capabilities, id));
  }

  private CompletableFuture<TransportSession> openOwned() {
    return transport
        .open()
        .toCompletableFuture()
        .thenApply(
            session -> {
              synchronized (this) {
                if (!closed) {
                  owned.add(session);
                  return session;
                }
              }
              session.close();
              throw ConnectionException.notSent("the channel was closed", null);
            });
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("the channel is closed");
    }
  }

  public static boolean isAged(TransportSession session, Duration rotateAfter, Clock clock) {
    return !rotateAfter.isZero() && !session.openedAt().plus(rotateAfter).isAfter(clock.instant());
  }

  /** A connection shared by lanes, and the lane names not in use. */
  private static final class LaneConnection {
    final TransportSession session;
    final Deque<String> freeLanes = new ArrayDeque<>();

    LaneConnection(TransportSession session) {
      this.session = session;
      for (int lane = LANES_PER_CONNECTION - 1; lane >= 0; lane--) {
        freeLanes.push("lane-" + lane);
      }
    }

    int inUse() {
      return LANES_PER_CONNECTION - freeLanes.size();
    }
  }
}
