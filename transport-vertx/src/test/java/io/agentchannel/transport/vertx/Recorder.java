package io.agentchannel.transport.vertx;

import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A subscriber that records every event with a position in one order shared by all recorders of a
 * test, and the thread each callback ran on.
 */
final class Recorder implements Flow.Subscriber<ServerEvent> {

  record Seen(long position, ServerEvent event, String thread) {}

  private final AtomicLong order;
  final List<Seen> seen = new CopyOnWriteArrayList<>();
  final CompletableFuture<Void> done = new CompletableFuture<>();

  Recorder(AtomicLong order) {
    this.order = order;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(ServerEvent event) {
    seen.add(new Seen(order.incrementAndGet(), event, Thread.currentThread().getName()));
  }

  @Override
  public void onError(Throwable error) {
    done.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    done.complete(null);
  }

  long first() {
    return seen.get(0).position();
  }

  long last() {
    return seen.get(seen.size() - 1).position();
  }
}
