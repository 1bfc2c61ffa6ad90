package io.agentchannel.sim.internal.ws;

import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.run.TurnRunner;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.model.CreateRequest;
import java.util.ArrayDeque;

/**
 * One {@code stream_id} lane of a connection (or the default lane): its FIFO of creates, the turn
 * it runs, and its cached latest response. Confined to the connection's event loop.
 */
final class Lane {

  /** A create waiting for its turn. */
  record Pending(CreateRequest request, Fault fault) {}

  /** The lane's {@code stream_id}, {@code null} for the default lane. */
  final String streamId;

  final ArrayDeque<Pending> queue = new ArrayDeque<>();
  TurnRunner running;
  StoredResponse cached;
  boolean waitingForSlot;

  Lane(String streamId) {
    this.streamId = streamId;
  }

  boolean busy() {
    return running != null;
  }
}
