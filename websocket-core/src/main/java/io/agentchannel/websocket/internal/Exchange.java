package io.agentchannel.websocket.internal;

import io.agentchannel.Timeouts;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * One response on a WebSocket connection, from the send to its terminal event: the encoded request,
 * its lane, the caller's sink behind the response's deadlines, and the flags the session keeps
 * about it.
 *
 * <p>Threading: the sink side ({@link #push}, {@link #finish}, {@link #fail}) is called by the
 * session outside its lock, from the reader or the thread that ends the exchange; the flags are
 * guarded by the session's lock.
 */
public final class Exchange {

  /** Where the exchange is in its life. */
  public enum Stage {
    /** Waiting locally for its turn to be written. */
    QUEUED,
    /** Handed to the writer: the server may have it. */
    IN_FLIGHT,
    /** Ended: terminal event delivered, failed, or removed before it was written. */
    DONE
  }

  private final String frame;
  private final String lane;
  private final String description;
  private final EventSink target;
  private final ExchangeDeadlines deadlines;
  private final EventSink out;

  // Guarded by the session's lock.
  private Stage stage = Stage.QUEUED;
  private boolean discarding;
  private boolean paused;
  private boolean started;
  private long resumes;

  /**
   * Starts the response's deadlines (TOTAL from now).
   *
   * @param onTimeout receives this exchange and the deadline's error when a deadline passes,
   *     instead of the caller's sink, so the session can settle the connection's state before the
   *     caller hears of it; it must end with {@link #failTarget}
   */
  public Exchange(
      String frame,
      String lane,
      String description,
      EventSink target,
      Timeouts timeouts,
      ScheduledExecutorService timer,
      BiConsumer<Exchange, PhaseTimeoutException> onTimeout) {
    this.frame = frame;
    this.lane = lane;
    this.description = description;
    this.target = target;
    this.deadlines =
        ExchangeDeadlines.start(timeouts, timer, new TimeoutGuard(onTimeout), () -> {});
    this.out = deadlines.sink();
  }

  /** Fails the caller's sink directly, past the deadlines (they have already stopped). */
  public void failTarget(AgentChannelException error) {
    target.fail(error);
  }

  public String frame() {
    return frame;
  }

  public String lane() {
    return lane;
  }

  /** For messages: the lane and model, never the input. */
  public String description() {
    return description;
  }

  /** The sink the session pushes into (the caller's, behind the deadlines). */
  public EventSink sink() {
    return out;
  }

  /** The request frame was handed to the socket: the first-event deadline starts. */
  public void written() {
    deadlines.requestWritten();
  }

  /** Delivers a non-terminal event; {@code false} asks the session to pause reading. */
  public boolean push(ServerEvent event) {
    return out.push(event);
  }

  /** Delivers the terminal event. */
  public void finish(ServerEvent terminal) {
    out.push(terminal);
  }

  /** Fails the response; ignored by the sink once it has ended. */
  public void fail(AgentChannelException error) {
    out.fail(error);
  }

  // ---- flags, guarded by the session's lock ----

  public Stage stage() {
    return stage;
  }

  public void stage(Stage next) {
    stage = next;
  }

  /** Whether an event of this response has arrived (the server started it). */
  public boolean hasStarted() {
    return started;
  }

  public void started() {
    started = true;
  }

  /** Whether events are read and dropped until the terminal one (cancelled or timed out). */
  public boolean discarding() {
    return discarding;
  }

  public void discard() {
    discarding = true;
  }

  /** Whether this response holds the connection's reading paused. */
  public boolean paused() {
    return paused;
  }

  public void paused(boolean value) {
    paused = value;
  }

  /** How many times the sink has called its resume callback, to spot a resume racing a pause. */
  public long resumes() {
    return resumes;
  }

  public void resumed() {
    resumes++;
  }

  @Override
  public String toString() {
    return description;
  }

  /** The caller's sink as the deadlines see it: an expiry goes to the session first. */
  private final class TimeoutGuard implements EventSink {
    private final BiConsumer<Exchange, PhaseTimeoutException> onTimeout;

    TimeoutGuard(BiConsumer<Exchange, PhaseTimeoutException> onTimeout) {
      this.onTimeout = onTimeout;
    }

    @Override
    public boolean push(ServerEvent event) {
      return target.push(event);
    }

    @Override
    public void fail(AgentChannelException error) {
      if (error instanceof PhaseTimeoutException timeout) {
        onTimeout.accept(Exchange.this, timeout);
      } else {
        target.fail(error);
      }
    }

    @Override
    public void onResume(Runnable resume) {
      target.onResume(resume);
    }

    @Override
    public void onCancel(Runnable cancel) {
      target.onCancel(cancel);
    }

    @Override
    public boolean isCancelled() {
      return target.isCancelled();
    }
  }
}
