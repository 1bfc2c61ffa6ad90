package io.agentchannel.sim.data;

/**
 * What a {@link WebSocketMode#V1} connection does with a {@code response.create} that arrives while
 * a response is still in flight. The service never documented this; gateways differ.
 */
public enum InFlightPolicy {
  /** Run it after the current one, in arrival order. */
  QUEUE,
  /**
   * Refuse it with an error frame, status 409 and code {@code response_already_in_flight}, as
   * several gateways do; the response in flight continues.
   */
  REJECT
}
