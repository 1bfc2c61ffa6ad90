package io.agentchannel.conversation;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the time of one turn went, measured on the client. Retried attempts add up: {@code send},
 * {@code firstEvent} and {@code stream} are the sums over the turn's attempts, and the backoff
 * between attempts is in none of them.
 *
 * @param connect waiting for a session (zero when the conversation's connection was open)
 * @param send handing the request to the transport
 * @param firstEvent from the request handed over to the first server event
 * @param stream from the first server event to the terminal one
 * @param tools running the tool calls the response asked for (set by the agent loop; zero for a
 *     plain conversation turn)
 */
public record TurnTimings(
    Duration connect, Duration send, Duration firstEvent, Duration stream, Duration tools) {

  /** No time spent. */
  public static final TurnTimings ZERO =
      new TurnTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public TurnTimings {
    Objects.requireNonNull(connect, "connect");
    Objects.requireNonNull(send, "send");
    Objects.requireNonNull(firstEvent, "firstEvent");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(tools, "tools");
  }

  /** These timings with {@code tools} replaced. */
  public TurnTimings withTools(Duration tools) {
    return new TurnTimings(connect, send, firstEvent, stream, tools);
  }

  /** The sum of every phase. */
  public Duration total() {
    return connect.plus(send).plus(firstEvent).plus(stream).plus(tools);
  }
}
