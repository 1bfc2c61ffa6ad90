package io.agentchannel.transport.vertx.internal;

import io.agentchannel.AgentChannelException;
import io.agentchannel.model.ServerEvent;
import io.agentchannel.spi.EventSink;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sits between the engine and the caller's sink of one response and tells the pool what it needs
 * for routing: the response's id (so a continuation goes to the connection that caches it) and when
 * the response no longer occupies its connection (terminal event, failure or cancellation).
 * Everything else passes through unchanged.
 */
final class TrackingSink implements EventSink {

  /** What the pool learns from one response. */
  interface Listener {
    void started(PooledConnection connection, String lane, String responseId);

    void ended(PooledConnection connection, String lane);

    /** A response failed in a way that leaves its connection unusable for new work. */
    void spoiled(PooledConnection connection, AgentChannelException error);
  }

  private final EventSink target;
  private final PooledConnection connection;
  private final String lane;
  private final Listener listener;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile String responseId;

  TrackingSink(EventSink target, PooledConnection connection, String lane, Listener listener) {
    this.target = target;
    this.connection = connection;
    this.lane = lane;
    this.listener = listener;
  }

  @Override
  public boolean push(ServerEvent event) {
    if (responseId == null && event instanceof ServerEvent.Lifecycle lifecycle) {
      String id = lifecycle.response() == null ? null : lifecycle.response().id();
      if (id != null) {
        responseId = id;
        listener.started(connection, lane, id);
      }
    }
    if (event.isTerminal()) {
      end();
    }
    return target.push(event);
  }

  @Override
  public void fail(AgentChannelException error) {
    // Before the caller hears of it: a caller that sends its next request at once must not be
    // routed to a connection that is about to be closed.
    listener.spoiled(connection, error);
    end();
    target.fail(error);
  }

  @Override
  public void onResume(Runnable resume) {
    target.onResume(resume);
  }

  @Override
  public void onCancel(Runnable cancel) {
    target.onCancel(
        () -> {
          end();
          cancel.run();
        });
  }

  @Override
  public boolean isCancelled() {
    return target.isCancelled();
  }

  private void end() {
    if (ended.compareAndSet(false, true)) {
      listener.ended(connection, lane);
    }
  }
}
