package io.agentchannel.spi;

import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one {@link ResponseStream} implementation: the transport side pushes into it as an {@link
 * EventSink}, the user side subscribes to it.
 *
 * <p>Signals reach the subscriber from a single signal loop guarded by a work-in-progress counter,
 * so they are serial even when the transport pushes and the subscriber requests on different
 * threads, and a subscriber that calls {@code request} from {@code onNext} does not recurse.
 */
public final class BufferedResponseStream implements ResponseStream, EventSink {

  private final int capacity;
  private final int resumeAt;
  private final CompletableFuture<Response> completion = new CompletableFuture<>();

  // Guarded by lock: the buffer and what the transport has told us.
  private final Object lock = new Object();
  private final ArrayDeque<ServerEvent> buffer = new ArrayDeque<>();
  private boolean paused;
  private boolean terminated;
  private AgentChannelException failure;

  private final AtomicBoolean subscribed = new AtomicBoolean();
  private volatile Flow.Subscriber<? super ServerEvent> subscriber;
  private final AtomicLong demand = new AtomicLong();
  private final AtomicInteger wip = new AtomicInteger();
  private volatile Throwable badRequest;
  private volatile boolean cancelledBySubscriber;
  private volatile boolean cancelledByCaller;
  private volatile Runnable resumeHook = () -> {};
  private final AtomicBoolean cancelHookRun = new AtomicBoolean();
  private volatile Runnable cancelHook;

  // Touched only inside the signal loop.
  private boolean done;

  /**
   * @param capacity events buffered before {@link #push} asks the transport to pause; at least 1
   */
  public BufferedResponseStream(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
    this.resumeAt = capacity / 2;
  }

  // ---- EventSink (transport side) ----

  @Override
  public boolean push(ServerEvent event) {
    Objects.requireNonNull(event, "event");
    synchronized (lock) {
      if (terminated) {
        return true; // ignored: nothing more is expected here, so never hold the socket for it
      }
      buffer.add(event);
      if (event.isTerminal()) {
        terminated = true;
      }
      if (buffer.size() >= capacity) {
        paused = true;
      }
    }
    signal();
    synchronized (lock) {
      // The signal loop above may have made room already; if so no resume callback will come,
      // so the transport must be told to go on now.
      if (paused && buffer.size() <= resumeAt) {
        paused = false;
      }
      // After the terminal event this stream takes nothing more, so its buffer cannot grow: a
      // connection shared with other responses must not stay paused on its account.
      return terminated || !paused;
    }
  }

  @Override
  public void fail(AgentChannelException error) {
    Objects.requireNonNull(error, "error");
    synchronized (lock) {
      if (terminated) {
        return;
      }
      terminated = true;
      failure = error;
    }
    signal();
  }

  @Override
  public void onResume(Runnable resume) {
    resumeHook = Objects.requireNonNull(resume, "resume");
  }

  @Override
  public void onCancel(Runnable cancel) {
    cancelHook = Objects.requireNonNull(cancel, "cancel");
    if (isCancelled()) {
      runCancelHook();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelledBySubscriber || cancelledByCaller;
  }

  // ---- ResponseStream (user side) ----

  @Override
  public void subscribe(Flow.Subscriber<? super ServerEvent> s) {
    Objects.requireNonNull(s, "subscriber");
    if (!subscribed.compareAndSet(false, true)) {
      s.onSubscribe(NoopSubscription.INSTANCE);
      s.onError(
          new IllegalStateException("a ResponseStream has one subscriber; it has one already"));
      return;
    }
    s.onSubscribe(new StreamSubscription());
    subscriber = s;
    signal();
  }

  @Override
  public CompletableFuture<Response> completion() {
    return completion;
  }

  @Override
  public CompletableFuture<Response> drain() {
    if (subscribed.get()) {
      throw new IllegalStateException("drain() needs an unsubscribed stream; it has a subscriber");
    }
    subscribe(new DiscardingSubscriber());
    return completion;
  }

  @Override
  public void cancel() {
    if (completion.isDone()) {
      return;
    }
    cancelledByCaller = true;
    runCancelHook();
    if (!subscribed.get()) {
      // Nobody may ever subscribe; the caller still deserves a completed future.
      completion.completeExceptionally(
          new CancellationException("response cancelled by the caller"));
    }
    signal();
  }

  // ---- the signal loop ----

  private void signal() {
    if (wip.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    do {
      Flow.Subscriber<? super ServerEvent> s = subscriber;
      if (s != null && !done) {
        drainTo(s);
        if (done) {
          // Reactive Streams §3.13: after cancellation or a terminal signal, let the subscriber go.
          subscriber = null;
        }
      }
      missed = wip.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drainTo(Flow.Subscriber<? super ServerEvent> s) {
    if (cancelledBySubscriber) {
      finishQuietly(new CancellationException("subscriber cancelled the response"));
      return;
    }
    if (cancelledByCaller) {
      CancellationException cancelled =
          new CancellationException("response cancelled by the caller");
      finishQuietly(cancelled);
      s.onError(cancelled);
      return;
    }
    Throwable invalid = badRequest;
    if (invalid != null) {
      finishQuietly(invalid);
      runCancelHook();
      s.onError(invalid);
      return;
    }
    long requested = demand.get();
    long emitted = 0;
    while (emitted != requested) {
      ServerEvent event = poll();
      if (event == null) {
        break;
      }
      try {
        s.onNext(event);
      } catch (Throwable subscriberBug) {
        // Reactive Streams §2.13: a throwing subscriber is treated as cancelled.
        finishQuietly(subscriberBug);
        runCancelHook();
        return;
      }
      emitted++;
      if (event.isTerminal()) {
        finishWithTerminalEvent(s, event);
        return;
      }
      if (isCancelled()) {
        return; // the next pass of the loop signals the cancellation
      }
    }
    if (emitted != 0 && requested != Long.MAX_VALUE) {
      demand.addAndGet(-emitted);
    }
    AgentChannelException error = failureIfDrained();
    if (error != null) {
      done = true;
      s.onError(error);
      completion.completeExceptionally(error);
    }
  }

  private ServerEvent poll() {
    Runnable resume = null;
    ServerEvent event;
    synchronized (lock) {
      event = buffer.poll();
      if (event != null && paused && buffer.size() <= resumeAt) {
        paused = false;
        resume = resumeHook;
      }
    }
    if (resume != null) {
      resume.run();
    }
    return event;
  }

  private AgentChannelException failureIfDrained() {
    synchronized (lock) {
      return buffer.isEmpty() ? failure : null;
    }
  }

  private void finishWithTerminalEvent(Flow.Subscriber<? super ServerEvent> s, ServerEvent event) {
    done = true;
    if (event instanceof ServerEvent.ResponseCompleted completed) {
      s.onComplete();
      completion.complete(completed.response());
    } else if (event instanceof ServerEvent.ResponseIncomplete incomplete) {
      s.onComplete();
      completion.complete(incomplete.response());
    } else {
      ApiException error =
          event instanceof ServerEvent.ResponseFailed failed
              ? ApiException.fromFailedResponse(failed.response())
              : ApiException.fromEvent((ServerEvent.Error) event);
      s.onError(error);
      completion.completeExceptionally(error);
    }
  }

  private void finishQuietly(Throwable cause) {
    done = true;
    synchronized (lock) {
      buffer.clear();
      terminated = true;
    }
    completion.completeExceptionally(cause);
  }

  private void runCancelHook() {
    Runnable hook = cancelHook;
    if (hook != null && cancelHookRun.compareAndSet(false, true)) {
      hook.run();
    }
  }

  private final class StreamSubscription implements Flow.Subscription {
    @Override
    public void request(long n) {
      if (n <= 0) {
        // Reactive Streams §3.9.
        badRequest =
            new IllegalArgumentException("request(n) needs n > 0 (Reactive Streams 3.9): " + n);
      } else {
        demand.getAndAccumulate(
            n,
            (current, add) -> {
              long sum = current + add;
              return sum < 0 ? Long.MAX_VALUE : sum;
            });
      }
      signal();
    }

    @Override
    public void cancel() {
      if (!cancelledBySubscriber) {
        cancelledBySubscriber = true;
        runCancelHook();
        signal();
      }
    }
  }

  private enum NoopSubscription implements Flow.Subscription {
    INSTANCE;

    @Override
    public void request(long n) {}

    @Override
    public void cancel() {}
  }

  private static final class DiscardingSubscriber implements Flow.Subscriber<ServerEvent> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ServerEvent event) {}

    @Override
    public void onError(Throwable error) {}

    @Override
    public void onComplete() {}
  }
}
