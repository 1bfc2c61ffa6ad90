package io.agentchannel.spi;

import io.agentchannel.Capability;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A configured transport: a factory of sessions that share its resources (an HTTP client, an event
 * loop, a WebSocket container).
 *
 * <p>Lifecycle: created by {@link TransportProvider#create}, used by one channel, closed by it.
 * {@link #close()} closes every session it opened and releases threads and sockets; after that
 * {@link #open()} fails. Thread-safe.
 */
public interface Transport extends AutoCloseable {

  /** The capabilities in effect for this configuration (a subset of the provider's). */
  Set<Capability> capabilities();

  /**
   * Opens a session: a WebSocket connection, or a logical session over a pooled HTTP client. Never
   * blocks the caller; the stage fails with a {@link io.agentchannel.error.ConnectionException}
   * (refused, reset, TLS failure), an {@link io.agentchannel.error.ApiException} (401, 426 and
   * other upgrade statuses) or a {@link io.agentchannel.error.PhaseTimeoutException} (phase {@code
   * CONNECT}).
   */
  CompletionStage<TransportSession> open();

  /** Closes every session and releases every resource. Idempotent. */
  @Override
  void close();
}
