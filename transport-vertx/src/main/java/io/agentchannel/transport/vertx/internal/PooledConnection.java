package io.agentchannel.transport.vertx.internal;

import io.agentchannel.spi.TransportSession;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection of a {@link PooledSession}: while it opens, a future; then the engine's session
 * over it. The counters are guarded by the owning pool's lock.
 */
final class PooledConnection {

  /** Lane key of the default lane (no {@code stream_id}) in {@link #latestByLane}. */
  static final String DEFAULT_LANE = "";

  final int number;
  final CompletableFuture<TransportSession> ready;
  final Lanes lanes = new Lanes();

  /** The latest response started on each lane: what the server caches for it. */
  final Map<String, String> latestByLane = new HashMap<>();

  int inFlight;

  /** Set when the connection must take no new work although its session may still be open. */
  volatile boolean retired;

  long idleSinceNanos = System.nanoTime();

  PooledConnection(int number, CompletableFuture<TransportSession> ready) {
    this.number = number;
    this.ready = ready;
  }

  /** Whether new responses may go here: still opening, or open. */
  boolean isUsable() {
    if (retired) {
      return false;
    }
    if (!ready.isDone()) {
      return true;
    }
    return !ready.isCompletedExceptionally() && ready.join().isOpen();
  }

  /** The open session, or {@code null} while opening or after a failure. */
  TransportSession sessionOrNull() {
    return ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : null;
  }

  /** Closes the connection now, or as soon as it has opened. */
  void close() {
    ready.thenAccept(TransportSession::close);
  }

  @Override
  public String toString() {
    return "connection #" + number;
  }
}
