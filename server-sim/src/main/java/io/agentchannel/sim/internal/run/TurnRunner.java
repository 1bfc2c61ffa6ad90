package io.agentchannel.sim.internal.run;

import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.engine.TurnScript;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Consumer;

/**
 * Sends one turn's events to an {@link EventOutput}: pays each event's delay with event-loop
 * timers, waits when the peer is behind (so a slow client holds back the server, it never grows a
 * queue), injects the turn's fault, and reports how the turn ended.
 *
 * <p>Delays under a millisecond accumulate and are paid once they reach one. With no delay at all,
 * the runner writes up to {@value #BATCH} events and then yields the event loop, so one fast turn
 * cannot starve the other connections. Confined to the connection's event loop.
 */
public final class TurnRunner {

  /** Events written in one go before the runner yields the event loop. */
  static final int BATCH = 128;

  private static final long MILLI = 1_000_000;

  /** How a turn ended, as counted in the metrics. */
  public enum Outcome {
    COMPLETED("completed"),
    FAILED("failed"),
    INCOMPLETE("incomplete"),
    ERROR("error"),
    CANCELLED("cancelled");

    private final String label;

    Outcome(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * What the owner learns when the turn is over.
   *
   * @param outcome how it ended
   * @param finalResponse the final Response object, or {@code null} when none was sent
   * @param errorCode the code of an error sent instead, or {@code null}
   * @param firstEventNanos nanoseconds from the start to the first event written, or -1
   * @param totalNanos nanoseconds from the start to the end
   */
  public record Result(
      Outcome outcome,
      Response finalResponse,
      String errorCode,
      long firstEventNanos,
      long totalNanos) {}

  private final Vertx vertx;
  private final Context context;
  private final PreparedTurn turn;
  private final TurnScript script;
  private final EventOutput output;
  private final Consumer<Result> onEnd;
  private final long startNanos = System.nanoTime();

  private TurnScript.Step pending;
  private long debtNanos;
  private int written;
  private long firstEventNanos = -1;
  private long timer = -1;
  private boolean ended;
  private boolean stalled;

  public TurnRunner(Vertx vertx, PreparedTurn turn, EventOutput output, Consumer<Result> onEnd) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.turn = turn;
    this.script = turn.script();
    this.output = output;
    this.onEnd = onEnd;
  }

  public PreparedTurn turn() {
    return turn;
  }

  /** Starts sending; returns at once. */
  public void start() {
    pump();
  }

  /** The peer went away: stop, and report the turn as cancelled (unless it had already ended). */
  public void cancel() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    end(Outcome.CANCELLED, null, null);
  }

  public boolean isEnded() {
    return ended;
  }

  private void pump() {
    try {
      pumpEvents();
    } catch (RuntimeException bug) {
      // A simulator bug ends the turn with the service's own failure, never with silence.
      if (!ended) {
        ErrorDetail error = SimError.unexpected(bug).detail();
        try {
          output.write(output.errorEvent(script.nextSequence(), streamIdOf(), 500, error));
          output.end();
        } catch (RuntimeException ignored) {
          output.abort();
        }
        end(Outcome.ERROR, null, error.code());
      }
    }
  }

  private void pumpEvents() {
    timer = -1;
    int batch = 0;
    while (!ended && !stalled) {
      if (output.writeQueueFull()) {
        output.onDrain(this::pump);
        return;
      }
      if (faultStrikesNow()) {
        strike();
        return;
      }
      TurnScript.Step step = pending != null ? pending : script.next();
      pending = null;
      if (step == null) {
        return;
      }
      long due = debtNanos + step.delayNanos();
      if (due >= MILLI) {
        pending = new TurnScript.Step(step.event(), 0);
        debtNanos = due % MILLI;
        timer = vertx.setTimer(due / MILLI, id -> pump());
        return;
      }
      debtNanos = due;
      send(step.event());
      if (step.event().isTerminal()) {
        // The turn is recorded (and its response stored) before the output ends: ending an HTTP/2
        // stream fires its close handler at once, which would otherwise report a cancel first.
        end(outcomeOf(step.event()), script.finalResponse(), null);
        output.end();
        return;
      }
      if (++batch == BATCH) {
        context.runOnContext(v -> pump());
        return;
      }
    }
  }

  private void send(ServerEvent event) {
    output.write(event);
    written++;
    if (firstEventNanos < 0) {
      firstEventNanos = System.nanoTime() - startNanos;
    }
  }

  private boolean faultStrikesNow() {
    Fault fault = turn.fault();
    return fault != null && !fault.refusesRequest() && written == fault.afterEvents() && !struck;
  }

  private boolean struck;

  private void strike() {
    struck = true;
    Fault fault = turn.fault();
    switch (fault.kind()) {
      case CLOSE_AFTER -> {
        output.abort();
        end(Outcome.ERROR, null, null);
      }
      case STALL_AFTER -> stalled = true; // stays until the peer goes away and cancels
      case ERROR_AFTER -> {
        ErrorDetail error = serverError();
        send(output.errorEvent(script.nextSequence(), streamIdOf(), 500, error));
        end(Outcome.ERROR, null, error.code());
        output.end();
      }
      case FAIL_AFTER -> {
        send(script.failNow(serverError()).event());
        end(Outcome.FAILED, script.finalResponse(), null);
        output.end();
      }
      case WS_CLOSE -> {
        output.close(fault.value());
        end(Outcome.ERROR, null, null);
      }
      case MALFORMED_AFTER -> {
        output.writeRaw("{\"type\":\"response.output_text.delta\",\"sequence_number\":");
        written++;
        pump();
      }
      case OVERSIZED_AFTER -> {
        output.writeRaw(oversizedDelta(fault.value()));
        written++;
        pump();
      }
      default -> throw new IllegalStateException("not a streaming fault: " + fault);
    }
  }

  private String streamIdOf() {
    return turn.request().streamId();
  }

  /** A valid text delta event of about {@code bytes} bytes, all of it one delta. */
  private String oversizedDelta(int bytes) {
    String head =
        "{\"type\":\"response.output_text.delta\",\"sequence_number\":"
            + script.nextSequence()
            + ",\"item_id\":\"msg_oversized\",\"output_index\":0,\"content_index\":0,\"delta\":\"";
    String tail = "\",\"logprobs\":[]}";
    int fill = Math.max(0, bytes - head.length() - tail.length());
    return head + "x".repeat(fill) + tail;
  }

  private static ErrorDetail serverError() {
    return SimError.serverError().detail();
  }

  private static Outcome outcomeOf(ServerEvent terminal) {
    if (terminal instanceof ServerEvent.ResponseCompleted) {
      return Outcome.COMPLETED;
    }
    if (terminal instanceof ServerEvent.ResponseIncomplete) {
      return Outcome.INCOMPLETE;
    }
    if (terminal instanceof ServerEvent.ResponseFailed) {
      return Outcome.FAILED;
    }
    return Outcome.ERROR;
  }

  private void end(Outcome outcome, Response finalResponse, String errorCode) {
    if (ended) {
      return;
    }
    ended = true;
    onEnd.accept(
        new Result(
            outcome, finalResponse, errorCode, firstEventNanos, System.nanoTime() - startNanos));
  }
}
