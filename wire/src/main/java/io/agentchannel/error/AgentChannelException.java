package io.agentchannel.error;

/**
 * Root of every error AgentChannel reports. The hierarchy is sealed so callers can switch on the
 * five families and know they have covered them all:
 *
 * <ul>
 *   <li>{@link ApiException}: the service answered with an error (HTTP status, SSE {@code error}
 *       event, WebSocket error frame or {@code response.failed});
 *   <li>{@link ProtocolViolationException}: what arrived is not the protocol (malformed frame,
 *       missing {@code type}, wrong field type);
 *   <li>{@link ConnectionException}: the connection failed or dropped, with whether the request may
 *       have reached the server;
 *   <li>{@link PhaseTimeoutException}: a per-phase deadline passed (connect, first event, idle,
 *       total, ...);
 *   <li>{@link ConfigurationException}: the channel cannot be built from the given settings.
 * </ul>
 *
 * <p>Messages never contain the API key: the key is held as an {@code io.agentchannel.ApiKey},
 * whose {@code toString()} is redacted, and no error is built from a header or setting that carries
 * it.
 */
public abstract sealed class AgentChannelException extends RuntimeException
    permits ApiException,
        ProtocolViolationException,
        ConnectionException,
        PhaseTimeoutException,
        ConfigurationException {

  private static final long serialVersionUID = 1L;

  protected AgentChannelException(String message, Throwable cause) {
    super(message, cause);
  }
}
