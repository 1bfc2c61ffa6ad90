package io.agentchannel.tck.internal;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An {@link EventSink} for the rules about the SPI contract itself: it records every call a
 * transport makes and plays the consumer's side of flow control and cancellation.
 *
 * <p>With a {@code capacity}, {@link #push} returns {@code false} once that many events wait
 * untaken; {@link #take} removes them and runs the transport's resume callback once half are gone,
 * as the api's stream does. Pushes made while paused are counted: a transport that ignores the
 * refusal runs them up. Thread-safe.
 */
public final class RecordingSink implements EventSink {

  private final int capacity;
  private final Object lock = new Object();
  private final CountDownLatch ended = new CountDownLatch(1);

  /** Every event pushed, in order, including those after the end (which must not exist). */
  public final List<ServerEvent> pushed = new CopyOnWriteArrayList<>();

  /** Every {@code fail} call, in order. */
  public final List<AgentChannelException> failures = new CopyOnWriteArrayList<>();

  /** Pushes and fails after the first terminal event or fail. */
  public final AtomicInteger callsAfterEnd = new AtomicInteger();

  /** Pushes after {@link #cancel()}. */
  public final AtomicInteger pushesAfterCancel = new AtomicInteger();

  /** The most pushes seen during one pause (after a refusal, before the resume callback ran). */
  public final AtomicInteger maxPushesWhilePaused = new AtomicInteger();

  /** How many times push returned false. */
  public final AtomicInteger refusals = new AtomicInteger();

  private final AtomicReference<Runnable> resume = new AtomicReference<>();
  private final AtomicReference<Runnable> cancelCallback = new AtomicReference<>();
  private int waiting; // guarded by lock
  private boolean paused; // guarded by lock
  private int pushesThisPause; // guarded by lock
  private volatile boolean cancelled;
  private volatile boolean end;

  private RecordingSink(int capacity) {
    this.capacity = capacity;
  }

  /** A sink that never refuses. */
  public static RecordingSink unbounded() {
    return new RecordingSink(Integer.MAX_VALUE);
  }

  /** A sink that refuses once {@code capacity} events wait untaken. */
  public static RecordingSink bounded(int capacity) {
    if (capacity < 2) {
      throw new IllegalArgumentException("capacity must be at least 2: " + capacity);
    }
    return new RecordingSink(capacity);
  }

  @Override
  public boolean push(ServerEvent event) {
    pushed.add(event);
    if (end) {
      callsAfterEnd.incrementAndGet();
      return true;
    }
    if (cancelled) {
      pushesAfterCancel.incrementAndGet();
    }
    if (event.isTerminal()) {
      end = true;
      ended.countDown();
      return true;
    }
    synchronized (lock) {
      waiting++;
      if (paused) {
        pushesThisPause++;
        maxPushesWhilePaused.accumulateAndGet(pushesThisPause, Math::max);
        return false;
      }
      if (waiting >= capacity) {
        paused = true;
        pushesThisPause = 0;
        refusals.incrementAndGet();
        return false;
      }
      return true;
    }
  }

  @Override
  public void fail(AgentChannelException error) {
    failures.add(error);
    if (end) {
      callsAfterEnd.incrementAndGet();
      return;
    }
    end = true;
    ended.countDown();
  }

  @Override
  public void onResume(Runnable callback) {
    resume.set(callback);
  }

  @Override
  public void onCancel(Runnable callback) {
    cancelCallback.set(callback);
    if (cancelled) {
      runCancelCallback();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  /** Plays the consumer taking up to {@code n} waiting events; resumes the transport at half. */
  public int take(int n) {
    Runnable toRun = null;
    int taken;
    synchronized (lock) {
      taken = Math.min(n, waiting);
      waiting -= taken;
      if (paused && waiting <= capacity / 2) {
        paused = false;
        toRun = resume.get();
      }
    }
    if (toRun != null) {
      toRun.run();
    }
    return taken;
  }

  /** Events pushed and not taken yet. */
  public int waiting() {
    synchronized (lock) {
      return waiting;
    }
  }

  /** Plays the consumer cancelling: runs the transport's cancel callback once. */
  public void cancel() {
    cancelled = true;
    runCancelCallback();
  }

  private void runCancelCallback() {
    Runnable callback = cancelCallback.getAndSet(null);
    if (callback != null) {
      callback.run();
    }
  }

  /** Whether a terminal event or a fail arrived within {@code timeout}. */
  public boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  public boolean hasEnded() {
    return end;
  }

  /** The terminal events pushed. */
  public List<ServerEvent> terminals() {
    return pushed.stream().filter(ServerEvent::isTerminal).toList();
  }

  /** What the transport did, for failure messages. */
  public String describe() {
    return Describe.events(pushed)
        + ", fail calls: "
        + failures.stream().map(Describe::error).toList()
        + ", calls after the end: "
        + callsAfterEnd.get();
  }
}
