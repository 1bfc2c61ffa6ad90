package io.agentchannel.internal.runtime;

import io.agentchannel.ResponseStream;
import io.agentchannel.wire.model.CreateRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a conversation needs from its channel: a session to bind to, a way to send on it, and a way
 * to give it back. The default channel implements it with its session pool; any other channel is
 * adapted by {@link PlainChannelHost}.
 */
public interface SessionHost {

  /**
   * A session for one conversation: an idle connection, a free lane or a new connection. Sessions
   * older than {@code rotateAfter} (measured on {@code clock}) are not handed out.
   *
   * @throws IllegalStateException if the channel is closed
   */
  CompletableFuture<SessionLease> acquire(Duration rotateAfter, Clock clock);

  /** Sends on the leased session; failures arrive through the stream. */
  ResponseStream send(SessionLease lease, CreateRequest request);

  /**
   * Gives the lease back: the session is kept for another conversation when {@code reusable} and
   * still open, else closed once nothing else uses it.
   */
  void release(SessionLease lease, boolean reusable);
}
