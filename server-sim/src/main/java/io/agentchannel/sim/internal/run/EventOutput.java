package io.agentchannel.sim.internal.run;

import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.ServerEvent;

/**
 * Where a turn's events go: an SSE response body or a WebSocket connection. Called on the
 * connection's event loop only.
 */
public interface EventOutput {

  /** Serializes and writes one event. */
  void write(ServerEvent event);

  /** Writes text as one event's payload as is, for the malformed-frame fault. */
  void writeRaw(String payload);

  /** The {@code error} event in this transport's shape: flat on SSE, nested on WebSocket. */
  ServerEvent errorEvent(long sequenceNumber, String streamId, int status, ErrorDetail error);

  /** Whether the peer is behind: the runner waits for {@link #onDrain} before writing on. */
  boolean writeQueueFull();

  /** Runs {@code action} once the peer has caught up. */
  void onDrain(Runnable action);

  /** The response is over: ends an SSE body; nothing on a WebSocket. */
  void end();

  /** Drops the connection without a goodbye (no close frame, no last chunk). */
  void abort();

  /**
   * Closes with a WebSocket close code; {@code 1006} drops the connection instead, as a network
   * failure would. Over HTTP, drops the connection.
   */
  void close(int closeCode);
}
