package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.util.ArrayList;
import java.util.List;

/**
 * A turn ready to run: its event script, its fault (if any), and what it continues.
 *
 * @param request the request
 * @param continuation the response it continues
 * @param script the events to send
 * @param fault the fault to inject while sending, or {@code null}
 */
public record PreparedTurn(
    CreateRequest request, Continuation continuation, TurnScript script, Fault fault) {

  /** The record of the finished response, for the store and the connection cache. */
  public StoredResponse finished(Response finalResponse) {
    List<Item> own = request.input() == null ? new ArrayList<>() : new ArrayList<>(request.input());
    own.addAll(finalResponse.output());
    StoredResponse parent = continuation.parent();
    return new StoredResponse(
        finalResponse,
        parent,
        own,
        parent == null ? 1 : parent.chainLength() + 1,
        request.store() == null || request.store());
  }
}
