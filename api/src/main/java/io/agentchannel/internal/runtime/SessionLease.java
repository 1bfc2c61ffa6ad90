package io.agentchannel.internal.runtime;

import io.agentchannel.Capability;
import io.agentchannel.spi.TransportSession;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A conversation's hold on a session: the session (or {@code null} when the channel hides it), the
 * lane ({@code stream_id}) when the connection is shared by lanes, and what the transport that
 * opened it declares.
 *
 * @param session the session, or {@code null} for a channel that does not expose its sessions
 * @param streamId the lane, or {@code null} for the default lane
 * @param capabilities the capabilities of the transport that opened the session
 * @param transportId the id of that transport
 */
public record SessionLease(
    TransportSession session, String streamId, Set<Capability> capabilities, String transportId) {

  public SessionLease {
    capabilities = Set.copyOf(capabilities);
    Objects.requireNonNull(transportId, "transportId");
  }

  /** Whether the session can take another request. */
  public boolean isOpen() {
    return session == null || session.isOpen();
  }

  /**
   * Whether this lease's session has reached the rotation age ({@code rotateAfter} zero: never), so
   * the next turn belongs on a fresh connection.
   */
  public boolean isAged(Duration rotateAfter, Clock clock) {
    return session != null && SessionPool.isAged(session, rotateAfter, clock);
  }

  /** Whether this lease is on the same connection and lane as {@code other}. */
  public boolean sameConnectionAs(SessionLease other) {
    return other != null
        && session != null
        && session == other.session
        && Objects.equals(streamId, other.streamId);
  }
}
