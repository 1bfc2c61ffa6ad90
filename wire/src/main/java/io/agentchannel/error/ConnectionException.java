package io.agentchannel.error;

/**
 * The connection failed, was refused or dropped before the response's terminal event.
 *
 * <p>{@link #requestMayHaveBeenSent()} is what recovery hinges on: {@code false} means the request
 * was provably never written (connect failed, the send was rejected before any byte left), so
 * replaying it cannot run anything twice; {@code true} means the server may have received it and
 * may be acting on it, so a transport must never replay it on its own.
 *
 * <p>Transports may subclass this type for conditions callers handle specially (for example a
 * server that does not offer WebSocket mode).
 */
public non-sealed class ConnectionException extends AgentChannelException {

  private static final long serialVersionUID = 1L;

  private final boolean requestMayHaveBeenSent;

  public ConnectionException(String message, boolean requestMayHaveBeenSent, Throwable cause) {
    super(message, cause);
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }

  /** A failure where nothing was written: safe to retry. */
  public static ConnectionException notSent(String message, Throwable cause) {
    return new ConnectionException(message, false, cause);
  }

  /** A failure after the request may have reached the server: never replay it blindly. */
  public static ConnectionException afterSend(String message, Throwable cause) {
    return new ConnectionException(message, true, cause);
  }

  /** Whether the server may have received the request (see the class comment). */
  public boolean requestMayHaveBeenSent() {
    return requestMayHaveBeenSent;
  }
}
