package io.agentchannel.testing;

import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/** A subscriber that records every signal and requests only what the test tells it to. */
public class RecordingSubscriber implements Flow.Subscriber<ServerEvent> {

  public final List<ServerEvent> events = new CopyOnWriteArrayList<>();
  public final CompletableFuture<Void> completed = new CompletableFuture<>();
  public final CompletableFuture<Throwable> error = new CompletableFuture<>();
  public final AtomicInteger terminalSignals = new AtomicInteger();
  private final long initialRequest;
  private volatile Flow.Subscription subscription;

  public RecordingSubscriber(long initialRequest) {
    this.initialRequest = initialRequest;
  }

  public void request(long n) {
    subscription.request(n);
  }

  public void cancel() {
    subscription.cancel();
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (initialRequest > 0) {
      s.request(initialRequest);
    }
  }

  @Override
  public void onNext(ServerEvent event) {
    events.add(event);
  }

  @Override
  public void onError(Throwable throwable) {
    terminalSignals.incrementAndGet();
    error.complete(throwable);
  }

  @Override
  public void onComplete() {
    terminalSignals.incrementAndGet();
    completed.complete(null);
  }
}
