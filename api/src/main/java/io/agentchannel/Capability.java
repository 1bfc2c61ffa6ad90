package io.agentchannel;

/**
 * What a transport declares it can do. Capabilities are declared, never guessed: the runtime and
 * the TCK act only on what a transport says here, and the TCK skips (with a reason naming the
 * capability) every rule whose capability is not declared.
 */
public enum Capability {
  /** One connection carries many responses in sequence (WebSocket mode). */
  PERSISTENT_CONNECTION,
  /**
   * The server keeps the latest response per connection (or per lane), so a turn may continue with
   * {@code previous_response_id} and only new input even with {@code store:false}.
   */
  CONNECTION_LOCAL_STATE,
  /** {@code stream_id} lanes: several responses in flight on one connection. */
  LANES,
  /** {@code generate:false} warm-up requests, answered with a response id and no output. */
  WARMUP
}
