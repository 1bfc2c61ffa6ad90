package io.agentchannel.transport.http.internal;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ServerEvent;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads an event-stream body with demand: asks the HTTP client for one more chunk only once the
 * chunk before has been parsed and every event in it accepted by the sink. When {@link
 * EventSink#push} returns {@code false} it stops parsing right after that event, keeps the rest of
 * the chunk, and asks for nothing more until the sink's resume callback (which only schedules the
 * work on the transport's executor); so the sink never holds more events than its own bound, and
 * the socket, not a queue, absorbs a slow subscriber.
 *
 * <p><b>The terminal event is held until the body ends</b> (at most {@link #TERMINAL_GRACE}): the
 * HTTP client puts the connection back into its pool only once the body has ended, and a caller
 * that sends its next turn the moment it sees the terminal event would otherwise find the
 * connection still busy and open another one.
 *
 * <p>Every callback (the client's, the resume and the grace timer) runs under this object's lock,
 * one at a time. The stream must end with a terminal event: an end of body before it is a {@link
 * ConnectionException} that says the request may have been processed.
 */
final class SseBodySubscriber implements HttpResponse.BodySubscriber<Void>, SseParser.Listener {

  /** How the exchange learns the outcome. */
  interface Outcome {
    /** The body subscription, so that the exchange can cancel it. */
    void subscribed(Flow.Subscription subscription);

    /** The stream failed (the sink has not been told yet). */
    void failed(AgentChannelException error);

    /** The body ended after the terminal event. */
    void completed();
  }

  /**
   * How long a terminal event waits for the end of the body before it is delivered anyway (less
   * when the idle deadline is shorter, see {@link #terminalGrace}).
   */
  static final Duration TERMINAL_GRACE = Duration.ofMillis(200);

  private final EventSink sink;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  private final long terminalGraceNanos;
  private final Outcome outcome;
  private final SseParser parser;
  private final WireCodec codec = WireCodec.shared();

  // Guarded by this.
  private Flow.Subscription subscription;
  private boolean paused;
  private boolean bodyEnded;
  private boolean terminalSeen;
  private ServerEvent heldTerminal;
  private boolean finished;
  private long events;

  SseBodySubscriber(
      EventSink sink,
      int maxEventBytes,
      Executor executor,
      ScheduledExecutorService timer,
      Duration terminalGrace,
      Outcome outcome) {
    this.sink = sink;
    this.executor = executor;
    this.timer = timer;
    this.terminalGraceNanos = terminalGrace.toNanos();
    this.outcome = outcome;
    this.parser = new SseParser(maxEventBytes, this);
  }

  @Override
  public CompletionStage<Void> getBody() {
    // The response future completes at the headers; the events go to the sink.
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    synchronized (this) {
      subscription = s;
    }
    sink.onResume(this::scheduleResume);
    outcome.subscribed(s);
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> chunks) {
    Flow.Subscription more;
    synchronized (this) {
      if (finished) {
        return;
      }
      for (ByteBuffer chunk : chunks) {
        parser.append(chunk);
      }
      more = parseAvailable() ? subscription : null;
    }
    if (more != null) {
      more.request(1);
    }
  }

  @Override
  public void onError(Throwable error) {
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      if (heldTerminal != null) {
        // The response was whole; only the connection broke after it.
        releaseTerminal();
        outcome.completed();
        return;
      }
    }
    outcome.failed(
        ConnectionException.afterSend(
            "the event stream broke after " + events + " events: " + describe(error), error));
  }

  @Override
  public void onComplete() {
    synchronized (this) {
      bodyEnded = true;
      if (!finished && !paused) {
        endOfBody();
      }
    }
  }

  @Override
  public boolean onEvent(String eventName, byte[] data, int offset, int length) {
    ServerEvent event = codec.readEvent(data, offset, length);
    events++;
    if (terminalSeen) {
      return true; // the response is over; read on so that the connection can be reused
    }
    if (event.isTerminal()) {
      terminalSeen = true;
      heldTerminal = event;
      try {
        timer.schedule(this::graceOver, terminalGraceNanos, TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closing) {
        releaseTerminal();
      }
      return true;
    }
    boolean accepted = sink.push(event);
    if (!accepted) {
      paused = true;
    }
    return accepted;
  }

  /**
   * {@link #TERMINAL_GRACE}, or half the idle deadline when that is shorter: a held terminal event
   * must never let the idle deadline fail a response that is complete.
   */
  static Duration terminalGrace(Duration idle) {
    if (idle.isZero()) {
      return TERMINAL_GRACE;
    }
    Duration half = idle.dividedBy(2);
    return half.compareTo(TERMINAL_GRACE) < 0 ? half : TERMINAL_GRACE;
  }

  private void scheduleResume() {
    // The sink calls back on whichever thread drains it (maybe the subscriber's, inside request):
    // never parse there.
    try {
      executor.execute(this::resume);
    } catch (RejectedExecutionException closing) {
      // The transport is closing; it fails its exchanges itself.
    }
  }

  private void resume() {
    Flow.Subscription more;
    synchronized (this) {
      if (finished || !paused) {
        return;
      }
      paused = false;
      if (!parseAvailable()) {
        return;
      }
      if (bodyEnded) {
        endOfBody();
        return;
      }
      more = subscription;
    }
    more.request(1);
  }

  /** Parses what is held; true when all of it was parsed and more may be requested. */
  private boolean parseAvailable() {
    try {
      return parser.parse() && !finished;
    } catch (ProtocolViolationException violation) {
      failProtocol(violation);
      return false;
    }
  }

  private void endOfBody() {
    try {
      parser.finish();
    } catch (ProtocolViolationException violation) {
      failProtocol(violation);
      return;
    }
    finished = true;
    if (terminalSeen) {
      releaseTerminal();
      outcome.completed();
    } else {
      outcome.failed(
          ConnectionException.afterSend(
              "the server ended the event stream before the response's terminal event, after "
                  + events
                  + " events",
              null));
    }
  }

  /**
   * The body did not end soon after the terminal event: deliver the response, and give up the
   * connection rather than leave it with an exchange that is over.
   */
  private synchronized void graceOver() {
    if (heldTerminal == null || finished) {
      return;
    }
    releaseTerminal();
    finished = true;
    subscription.cancel();
    outcome.completed();
  }

  private void releaseTerminal() {
    ServerEvent terminal = heldTerminal;
    if (terminal != null) {
      heldTerminal = null;
      sink.push(terminal);
    }
  }

  private void failProtocol(ProtocolViolationException violation) {
    finished = true;
    if (heldTerminal != null) {
      // Garbage after a whole response: deliver the response, drop the connection.
      releaseTerminal();
      subscription.cancel();
      outcome.completed();
      return;
    }
    subscription.cancel();
    outcome.failed(violation);
  }

  private static String describe(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }
}
