package io.agentchannel.spi;

import io.agentchannel.wire.model.CreateRequest;
import java.time.Instant;

/**
 * One session of a transport: on WebSocket transports one connection (and its server-side
 * connection-local state), over HTTP a logical session on a shared client.
 *
 * <p>Threading: {@link #send} may be called from any thread and never blocks; a session that cannot
 * carry two responses at once (WebSocket v1) queues or rejects, as its transport documents. Events
 * are pushed into the {@link EventSink} from the transport's reader thread.
 */
public interface TransportSession extends AutoCloseable {

  /**
   * Starts one response and pushes its events into {@code sink}, ending with exactly one terminal
   * event or one {@link EventSink#fail} call.
   *
   * <p>Failures are reported through the sink, never thrown: a request that was never written fails
   * with {@link io.agentchannel.error.ConnectionException#notSent}, so the caller knows a retry is
   * safe; once the request may have reached the server the transport never replays it.
   */
  void send(CreateRequest request, EventSink sink);

  /** Whether the session can take another {@link #send}. */
  boolean isOpen();

  /** When the underlying connection was established, for rotation before a server age limit. */
  Instant openedAt();

  /**
   * Closes the session; every response still in flight fails with a {@link
   * io.agentchannel.error.ConnectionException}. Idempotent.
   */
  @Override
  void close();
}
