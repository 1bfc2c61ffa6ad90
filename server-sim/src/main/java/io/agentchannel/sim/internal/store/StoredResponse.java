package io.agentchannel.sim.internal.store;

import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A finished response and the conversation that led to it. The conversation is kept as a chain:
 * each response holds only its own input and output items and a link to the response it continued,
 * so a chain of N turns costs O(N) memory, not O(N²).
 *
 * @param response the final Response object
 * @param parent the response this one continued, or {@code null}
 * @param ownItems this turn's input items followed by its output items
 * @param chainLength how many responses the chain holds, this one included
 * @param persisted whether it was stored ({@code store} not false), so that HTTP may chain from it
 *     and a WebSocket cache miss may hydrate it
 */
public record StoredResponse(
    Response response,
    StoredResponse parent,
    List<Item> ownItems,
    int chainLength,
    boolean persisted) {

  public StoredResponse {
    ownItems = List.copyOf(ownItems);
  }

  public String id() {
    return response.id();
  }

  /** Every item of the conversation up to and including this response's output, in order. */
  public List<Item> context() {
    Deque<StoredResponse> chain = new ArrayDeque<>();
    int size = 0;
    for (StoredResponse r = this; r != null; r = r.parent) {
      chain.push(r);
      size += r.ownItems.size();
    }
    List<Item> items = new ArrayList<>(size);
    for (StoredResponse r : chain) {
      items.addAll(r.ownItems);
    }
    return items;
  }
}
