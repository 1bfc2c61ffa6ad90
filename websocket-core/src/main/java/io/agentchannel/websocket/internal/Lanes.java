package io.agentchannel.websocket.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The responses in flight on one connection, by lane: events of a lane belong to its oldest
 * response, because the server runs each lane first in, first out. The default lane's key is the
 * empty string (a {@code stream_id} is never empty).
 *
 * <p>Not thread-safe: the session guards it with its lock.
 */
public final class Lanes {

  /** The key of the default lane (no {@code stream_id}). */
  public static final String DEFAULT = "";

  private final Map<String, ArrayDeque<Exchange>> byLane = new HashMap<>();
  private int inFlight;

  /** Adds a response whose request is about to be written. */
  public void add(Exchange exchange) {
    byLane.computeIfAbsent(exchange.lane(), lane -> new ArrayDeque<>()).addLast(exchange);
    inFlight++;
  }

  /** The response the next event of {@code lane} belongs to, or {@code null}. */
  public Exchange oldest(String lane) {
    ArrayDeque<Exchange> queue = byLane.get(lane);
    return queue == null ? null : queue.peekFirst();
  }

  /** Removes a response (its terminal event arrived, or its request was never written). */
  public boolean remove(Exchange exchange) {
    ArrayDeque<Exchange> queue = byLane.get(exchange.lane());
    if (queue == null || !queue.remove(exchange)) {
      return false;
    }
    if (queue.isEmpty()) {
      byLane.remove(exchange.lane());
    }
    inFlight--;
    return true;
  }

  /** How many responses are in flight over all lanes. */
  public int inFlight() {
    return inFlight;
  }

  /** Removes and returns every response in flight, oldest first per lane. */
  public List<Exchange> clear() {
    List<Exchange> all = new ArrayList<>(inFlight);
    byLane.values().forEach(all::addAll);
    byLane.clear();
    inFlight = 0;
    return all;
  }
}
