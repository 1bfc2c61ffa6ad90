package io.agentchannel.spi;

import io.agentchannel.Timeouts;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces the per-phase deadlines of one exchange ({@link Timeouts}), so that every transport
 * reports a stalled or slow response the same way: a {@link PhaseTimeoutException} naming the
 * phase, never a hang.
 *
 * <p><b>Use.</b> A transport calls {@link #start} when it begins an exchange (this starts {@link
 * Phase#TOTAL}) and pushes the response's events into {@link #sink()} instead of the sink it was
 * given. It calls {@link #requestWritten()} once the request has been handed to the connection
 * (this starts {@link Phase#FIRST_EVENT}) and, over HTTP, {@link #awaitResponseHeaders()} / {@link
 * #responseHeadersReceived()} around the wait for the status line ({@link Phase#RESPONSE_HEADERS}).
 * {@link Phase#CONNECT} is the transport's own: it belongs to its client's connect and handshake
 * settings.
 *
 * <p><b>What the sink does.</b> The first event ends {@code FIRST_EVENT} and starts {@link
 * Phase#IDLE}, which every later event restarts. While the stream is paused by backpressure ({@link
 * EventSink#push} returned {@code false}) the silence is the subscriber's, not the server's, so
 * {@code IDLE} is suspended until the resume callback runs, and restarts from then. The terminal
 * event, a {@link EventSink#fail} and a cancellation stop every deadline.
 *
 * <p><b>On expiry</b> the target sink is failed with the {@link PhaseTimeoutException} first, then
 * {@code abort} runs (on the timer's thread; it must not block): the transport closes the exchange
 * there, or the connection when the protocol leaves it in an unknown state.
 *
 * <p><b>Threading and cost.</b> Thread-safe. An event costs one clock read and a few volatile
 * writes; no timer is rescheduled per event (an idle check that finds recent activity re-arms
 * itself for the remaining time). Deadlines run on the transport's {@link ScheduledExecutorService}
 * (see {@link #newTimer}); if it has been shut down, deadlines are silently not armed, because the
 * transport is closing and fails its exchanges itself.
 */
public final class ExchangeDeadlines {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeDeadlines.class);

  private final Timeouts timeouts;
  private final ScheduledExecutorService timer;
  private final EventSink target;
  private final Runnable abort;
  private final DeadlineSink sink = new DeadlineSink();

  private final AtomicBoolean finished = new AtomicBoolean();
  private final AtomicInteger events = new AtomicInteger();
  private volatile long lastActivityNanos;
  private volatile boolean firstEventSeen;
  private volatile boolean paused;

  // Guarded by this: the armed deadlines, so that finishing can cancel them.
  private ScheduledFuture<?> total;
  private ScheduledFuture<?> responseHeaders;
  private ScheduledFuture<?> firstEvent;
  private ScheduledFuture<?> idle;

  private ExchangeDeadlines(
      Timeouts timeouts, ScheduledExecutorService timer, EventSink target, Runnable abort) {
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.target = Objects.requireNonNull(target, "target");
    this.abort = Objects.requireNonNull(abort, "abort");
  }

  /**
   * Starts the deadlines of one exchange: {@link Phase#TOTAL} from now.
   *
   * @param timer where deadlines run; usually the transport's {@link #newTimer}
   * @param target the sink of the response (the api's stream)
   * @param abort what to run after the target has been failed with a timeout
   */
  public static ExchangeDeadlines start(
      Timeouts timeouts, ScheduledExecutorService timer, EventSink target, Runnable abort) {
    ExchangeDeadlines deadlines = new ExchangeDeadlines(timeouts, timer, target, abort);
    // Stop the deadlines when the consumer cancels, even if the transport registers no hook.
    target.onCancel(deadlines::finish);
    synchronized (deadlines) {
      deadlines.total = deadlines.arm(Phase.TOTAL, deadlines::totalExpired);
    }
    return deadlines;
  }

  /**
   * A one-thread daemon scheduler for deadlines, named {@code threadName}. The transport that makes
   * it owns it and shuts it down in {@link Transport#close()}.
   */
  public static ScheduledExecutorService newTimer(String threadName) {
    Objects.requireNonNull(threadName, "threadName");
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
    // Most deadlines are cancelled long before they are due: drop them from the queue at once.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** The sink to push the response's events into, in place of the target. */
  public EventSink sink() {
    return sink;
  }

  /** The request has been handed to the connection: starts {@link Phase#FIRST_EVENT}. */
  public void requestWritten() {
    synchronized (this) {
      if (!firstEventSeen && firstEvent == null) {
        firstEvent = arm(Phase.FIRST_EVENT, this::firstEventExpired);
      }
    }
  }

  /**
   * HTTP: the request is on its way and the status line is awaited ({@link
   * Phase#RESPONSE_HEADERS}).
   */
  public void awaitResponseHeaders() {
    synchronized (this) {
      if (responseHeaders == null) {
        responseHeaders = arm(Phase.RESPONSE_HEADERS, () -> expire(Phase.RESPONSE_HEADERS));
      }
    }
  }

  /** HTTP: the status line and headers have arrived; ends {@link Phase#RESPONSE_HEADERS}. */
  public void responseHeadersReceived() {
    synchronized (this) {
      cancel(responseHeaders);
    }
  }

  /** Stops every deadline without failing anything (the exchange ended some other way). */
  public void finish() {
    if (finished.compareAndSet(false, true)) {
      synchronized (this) {
        cancel(total);
        cancel(responseHeaders);
        cancel(firstEvent);
        cancel(idle);
      }
    }
  }

  /** Whether the exchange ended (terminal event, fail, cancel, expiry or {@link #finish()}). */
  public boolean isFinished() {
    return finished.get();
  }

  private void onEvent(ServerEvent event) {
    lastActivityNanos = System.nanoTime();
    events.incrementAndGet();
    if (!firstEventSeen) {
      synchronized (this) {
        if (!firstEventSeen) {
          firstEventSeen = true;
          cancel(firstEvent);
          if (!event.isTerminal()) {
            idle = arm(Phase.IDLE, this::idleCheck);
          }
        }
      }
    }
  }

  private void totalExpired() {
    expire(Phase.TOTAL);
  }

  private void firstEventExpired() {
    if (!firstEventSeen) {
      expire(Phase.FIRST_EVENT);
    }
  }

  private void idleCheck() {
    if (finished.get()) {
      return;
    }
    long limit = timeouts.idle().toNanos();
    long silent = System.nanoTime() - lastActivityNanos;
    if (!paused && silent >= limit) {
      expire(Phase.IDLE);
      return;
    }
    // Events arrived since this check was armed, or the subscriber holds the stream: re-arm for
    // what is left of the silence allowed.
    long remaining = paused ? limit : limit - silent;
    synchronized (this) {
      if (!finished.get()) {
        idle = schedule(this::idleCheck, remaining);
      }
    }
  }

  private void expire(Phase phase) {
    if (!finished.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      cancel(total);
      cancel(responseHeaders);
      cancel(firstEvent);
      cancel(idle);
    }
    target.fail(
        new PhaseTimeoutException(
            phase, timeouts.forPhase(phase), events.get() + " events received"));
    try {
      abort.run();
    } catch (RuntimeException e) {
      LOG.warn("aborting an exchange after a {} timeout failed", phase, e);
    }
  }

  private ScheduledFuture<?> arm(Phase phase, Runnable onExpiry) {
    if (finished.get() || !timeouts.isLimited(phase)) {
      return null;
    }
    Duration limit = timeouts.forPhase(phase);
    return schedule(onExpiry, limit.toNanos());
  }

  private ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
    try {
      return timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException shutDown) {
      return null; // the transport is closing and fails its exchanges itself
    }
  }

  private static void cancel(ScheduledFuture<?> deadline) {
    if (deadline != null) {
      deadline.cancel(false);
    }
  }

  /** The sink the transport pushes into: watches events, pauses and the end of the exchange. */
  private final class DeadlineSink implements EventSink {

    @Override
    public boolean push(ServerEvent event) {
      onEvent(event);
      boolean accepted = target.push(event);
      if (event.isTerminal()) {
        finish();
      } else if (!accepted) {
        paused = true;
      }
      return accepted;
    }

    @Override
    public void fail(AgentChannelException error) {
      finish();
      target.fail(error);
    }

    @Override
    public void onResume(Runnable resume) {
      Objects.requireNonNull(resume, "resume");
      target.onResume(
          () -> {
            lastActivityNanos = System.nanoTime();
            paused = false;
            resume.run();
          });
    }

    @Override
    public void onCancel(Runnable cancel) {
      Objects.requireNonNull(cancel, "cancel");
      target.onCancel(
          () -> {
            finish();
            cancel.run();
          });
    }

    @Override
    public boolean isCancelled() {
      return target.isCancelled();
    }
  }
}
