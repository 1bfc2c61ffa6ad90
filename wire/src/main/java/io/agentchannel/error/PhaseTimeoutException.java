package io.agentchannel.error;

import java.time.Duration;
import java.util.Objects;

/** A per-phase deadline passed. The phase says which part of the exchange was too slow. */
public final class PhaseTimeoutException extends AgentChannelException {

  private static final long serialVersionUID = 1L;

  /** The phases of one exchange that carry their own deadline. */
  public enum Phase {
    /** TCP connect, TLS handshake and, on WebSocket transports, the upgrade. */
    CONNECT,
    /** From the request written to the response status and headers (HTTP). */
    RESPONSE_HEADERS,
    /** From the request written to the first server event. */
    FIRST_EVENT,
    /** Silence between two events of a stream that has started. */
    IDLE,
    /** The whole exchange, from the call to the terminal event. */
    TOTAL
  }

  private final Phase phase;
  private final Duration limit;

  public PhaseTimeoutException(Phase phase, Duration limit, String context) {
    super(
        "timed out in phase "
            + Objects.requireNonNull(phase, "phase")
            + " after "
            + Objects.requireNonNull(limit, "limit")
            + (context == null ? "" : " (" + context + ")"),
        null);
    this.phase = phase;
    this.limit = limit;
  }

  public Phase phase() {
    return phase;
  }

  /** The configured deadline that passed. */
  public Duration limit() {
    return limit;
  }
}
