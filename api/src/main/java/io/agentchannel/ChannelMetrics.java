package io.agentchannel;

import java.util.Optional;

/**
 * What a channel reports about itself: the transport in use and, for {@code transport=auto},
 * whether and why it fell back from WebSocket mode to HTTP. A snapshot; immutable.
 *
 * @param transportId the id of the transport new sessions use now
 * @param fallbackReason why the channel switched to HTTP for the rest of its life, or {@code null}
 * @param failedConnects WebSocket connects that failed since the last one that succeeded
 */
public record ChannelMetrics(String transportId, String fallbackReason, int failedConnects) {

  /** Why the channel fell back to HTTP, if it did. */
  public Optional<String> fallback() {
    return Optional.ofNullable(fallbackReason);
  }
}
