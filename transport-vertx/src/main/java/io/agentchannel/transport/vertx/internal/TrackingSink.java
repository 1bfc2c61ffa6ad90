package io.agentchannel.transport.vertx.internal;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sits between the engine and the caller's sink of one response and tells the pool what it needs
 * for routing: the response's id (so a continuation goes to the connection that caches it) and when
 * the response no longer occupies its connection (terminal event, failure or cancellation).
 *
 * <p>It also gives a request the server provably never ran one more chance on another connection,
 * before the caller hears anything: a send that failed as not sent (the connection closed or was
 * retired before the frame was written), or one the server refused because its connection reached
 * the age limit ({@code websocket_connection_limit_reached}, which the service documents as "not
 * run; use a new connection"). Only when nothing of the response has been delivered, and only once.
 * Everything else passes through unchanged.
 */
final class TrackingSink implements EventSink {

  /** What the pool learns from one response. */
  interface Listener {
    void started(PooledConnection connection, String lane, String responseId);

    void ended(PooledConnection connection, String lane);

    /** A response failed in a way that leaves its connection unusable for new work. */
    void spoiled(PooledConnection connection, AgentChannelException error);

    /** Sends the request again on another connection; false if the session cannot. */
    boolean resend(CreateRequest request, EventSink target);
  }

  private final EventSink target;
  private final PooledConnection connection;
  private final String lane;
  private final Listener listener;
  private final CreateRequest request;
  private final boolean lastChance;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean delivered;
  private volatile String responseId;

  /**
   * @param request the request as the caller gave it (before a pool-assigned lane)
   * @param lastChance whether this is already the second attempt
   */
  TrackingSink(
      EventSink target,
      PooledConnection connection,
      String lane,
      Listener listener,
      CreateRequest request,
      boolean lastChance) {
    this.target = target;
    this.connection = connection;
    this.lane = lane;
    this.listener = listener;
    this.request = request;
    this.lastChance = lastChance;
  }

  @Override
  public boolean push(ServerEvent event) {
    if (!delivered
        && event instanceof ServerEvent.Error error
        && ConnectionLimitReachedException.CODE.equals(error.error().code())) {
      AgentChannelException refused = ApiException.fromEvent(error);
      if (tryAgain(refused)) {
        return true;
      }
    }
    delivered = true;
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
    boolean notRun = error instanceof ConnectionException c && !c.requestMayHaveBeenSent();
    if (!delivered && notRun && tryAgain(error)) {
      return;
    }
    // Before the caller hears of it: a caller that sends its next request at once must not be
    // routed to a connection that is about to be closed.
    listener.spoiled(connection, error);
    end();
    target.fail(error);
  }

  private boolean tryAgain(AgentChannelException error) {
    if (lastChance || target.isCancelled()) {
      return false;
    }
    listener.spoiled(connection, error);
    end();
    return listener.resend(request, target);
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
