package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.store.StoredResponse;

/**
 * How a request's {@code previous_response_id} was resolved.
 *
 * @param parent the response continued, or {@code null} for a new conversation
 * @param fromCache whether it came from the WebSocket connection's cache (only new input is
 *     processed) rather than from the response store (the chain is rehydrated)
 */
public record Continuation(StoredResponse parent, boolean fromCache) {

  public static Continuation none() {
    return new Continuation(null, false);
  }

  public static Continuation cached(StoredResponse parent) {
    return new Continuation(parent, true);
  }

  public static Continuation rehydrated(StoredResponse parent) {
    return new Continuation(parent, false);
  }

  public boolean isContinuation() {
    return parent != null;
  }
}
