package io.agentchannel.error;

import io.agentchannel.wire.model.ErrorDetail;
import java.time.Duration;
import java.util.Map;

/**
 * The server closed WebSocket mode on this connection because it reached its age limit (60 minutes
 * on OpenAI's service): error code {@value #CODE}. The request it answers was not run; the
 * connection-local cache is gone with the connection, so the next turn must go on a new connection,
 * with full context when {@code store:false}.
 *
 * <p>Clients that rotate connections before the limit (see {@code TransportSession.openedAt()} in
 * the client's SPI) should rarely see it.
 */
public final class ConnectionLimitReachedException extends ApiException {

  private static final long serialVersionUID = 1L;

  /** The service's error code for this condition. */
  public static final String CODE = "websocket_connection_limit_reached";

  public ConnectionLimitReachedException(
      int status, ErrorDetail detail, Duration retryAfter, Map<String, String> headers) {
    super(status, detail, retryAfter, headers);
  }
}
