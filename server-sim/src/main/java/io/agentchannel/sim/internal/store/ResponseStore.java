package io.agentchannel.sim.internal.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server-wide response store, the simulator's stand-in for the service's persisted responses:
 * what {@code GET /v1/responses/{id}} reads, what an HTTP continuation rehydrates, and what a
 * WebSocket cache miss may fall back to. Only responses created with {@code store} not false are
 * kept. Bounded: past {@link #capacity()} responses the oldest are forgotten, so a long benchmark
 * cannot exhaust the heap. Thread-safe.
 */
public final class ResponseStore {

  private final int capacity;
  private final Map<String, StoredResponse> byId = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();

  public ResponseStore(int capacity) {
    this.capacity = capacity;
  }

  public int capacity() {
    return capacity;
  }

  public void put(StoredResponse response) {
    if (!response.persisted()) {
      return;
    }
    if (byId.put(response.id(), response) == null) {
      order.add(response.id());
      if (size.incrementAndGet() > capacity) {
        String oldest = order.poll();
        if (oldest != null && byId.remove(oldest) != null) {
          size.decrementAndGet();
        }
      }
    }
  }

  /** The stored response, or {@code null} when unknown, deleted, forgotten or never stored. */
  public StoredResponse get(String id) {
    return byId.get(id);
  }

  /** Deletes a response; {@code true} when it was there. */
  public boolean delete(String id) {
    if (byId.remove(id) != null) {
      size.decrementAndGet();
      return true;
    }
    return false;
  }
}
