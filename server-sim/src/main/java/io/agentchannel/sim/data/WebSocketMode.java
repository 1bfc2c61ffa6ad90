package io.agentchannel.sim.data;

/**
 * Which WebSocket mode the simulator offers on {@code GET /v1/responses}.
 *
 * <p>The service's WebSocket guide changed after launch; both versions are still implemented by
 * someone (Azure and several gateways follow the launch version), so clients must be tested against
 * both.
 */
public enum WebSocketMode {
  /** No WebSocket mode: the upgrade is refused with {@code 426 Upgrade Required}. */
  OFF,
  /**
   * The launch semantics: one response in flight per connection, one cached response (the latest).
   * A {@code stream_id} is an unknown parameter. A second create while one runs is queued or
   * rejected, see {@link InFlightPolicy}.
   */
  V1,
  /**
   * The current semantics: {@code stream_id} lanes, FIFO per lane, at most 16 responses in flight
   * per connection (the rest queued), at most 32 distinct named lanes, a cached response per lane.
   */
  V2
}
