package io.agentchannel.tck.internal;

import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A subscriber that records every signal. With {@code initialDemand} {@link Long#MAX_VALUE} it asks
 * for everything at once; otherwise the test asks with {@link #request}.
 *
 * <p>Thread-safe: signals may arrive on any thread; the test reads on its own.
 */
public final class RecordingSubscriber implements Flow.Subscriber<ServerEvent> {

  private final long initialDemand;
  private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
  private final CountDownLatch subscribed = new CountDownLatch(1);
  private final CountDownLatch terminated = new CountDownLatch(1);

  /** Every event, in delivery order. */
  public final List<ServerEvent> events = new CopyOnWriteArrayList<>();

  /** Signals after {@code onComplete} or {@code onError}: must stay 0. */
  public final AtomicInteger signalsAfterTermination = new AtomicInteger();

  private volatile Throwable error;
  private volatile boolean completed;

  public RecordingSubscriber(long initialDemand) {
    this.initialDemand = initialDemand;
  }

  /** A subscriber with unbounded demand. */
  public static RecordingSubscriber unbounded() {
    return new RecordingSubscriber(Long.MAX_VALUE);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription.set(s);
    subscribed.countDown();
    if (initialDemand > 0) {
      s.request(initialDemand);
    }
  }

  @Override
  public void onNext(ServerEvent event) {
    if (terminated.getCount() == 0) {
      signalsAfterTermination.incrementAndGet();
    }
    events.add(event);
  }

  @Override
  public void onError(Throwable throwable) {
    if (terminated.getCount() == 0) {
      signalsAfterTermination.incrementAndGet();
    }
    error = throwable;
    terminated.countDown();
  }

  @Override
  public void onComplete() {
    if (terminated.getCount() == 0) {
      signalsAfterTermination.incrementAndGet();
    }
    completed = true;
    terminated.countDown();
  }

  /** Asks for {@code n} more events (after the subscription has arrived). */
  public void request(long n) throws InterruptedException {
    subscribed.await(10, TimeUnit.SECONDS);
    subscription.get().request(n);
  }

  /** Whether {@code onComplete} or {@code onError} arrived within {@code timeout}. */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean isTerminated() {
    return terminated.getCount() == 0;
  }

  public Throwable error() {
    return error;
  }

  public boolean completed() {
    return completed;
  }

  /** How the stream ended so far, for failure messages. */
  public String describe() {
    String end =
        completed ? "onComplete" : error != null ? "onError(" + Describe.error(error) + ")" : "no";
    return Describe.events(events) + ", terminal signal: " + end;
  }
}
