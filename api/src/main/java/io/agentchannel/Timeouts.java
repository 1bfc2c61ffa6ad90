package io.agentchannel;

import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.internal.config.DurationParser;
import java.time.Duration;
import java.util.Objects;

/**
 * The deadline of each phase of one exchange with the service. A phase that runs past its deadline
 * fails the exchange with a {@link io.agentchannel.error.PhaseTimeoutException} naming that phase.
 *
 * <p>{@link Duration#ZERO} means <em>no limit</em> for that phase. Negative durations are rejected
 * with {@link IllegalArgumentException}; {@code null} with {@link NullPointerException}.
 *
 * <p>Immutable and thread-safe. Set from configuration through the {@code agentchannel.timeout.*}
 * keys (see {@link AgentChannelOptions}), or in code with {@link
 * AgentChannelOptions.Builder#timeouts(Timeouts)}.
 *
 * @param connect TCP connect, TLS handshake and, on WebSocket transports, the upgrade
 * @param responseHeaders from the request written to the response status and headers (HTTP)
 * @param firstEvent from the request written to the first server event
 * @param idle the longest silence between two events of a stream that has started
 * @param total the whole exchange, from the call to the terminal event
 */
public record Timeouts(
    Duration connect,
    Duration responseHeaders,
    Duration firstEvent,
    Duration idle,
    Duration total) {

  private static final Timeouts DEFAULTS =
      new Timeouts(
          Duration.ofSeconds(10),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(300),
          Duration.ZERO);

  public Timeouts {
    check(connect, "connect");
    check(responseHeaders, "responseHeaders");
    check(firstEvent, "firstEvent");
    check(idle, "idle");
    check(total, "total");
  }

  private static void check(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(
          "timeout " + name + " is negative (" + d + "); use Duration.ZERO for no limit");
    }
  }

  /**
   * connect 10s, responseHeaders 60s, firstEvent 60s, idle 300s, total no limit. A total limit is
   * off by default because agent turns with long reasoning or output have no natural upper bound;
   * the idle deadline is what catches a stream that hangs.
   */
  public static Timeouts defaults() {
    return DEFAULTS;
  }

  /** Whether the whole exchange has a deadline ({@link #total()} is not zero). */
  public boolean hasTotal() {
    return !total.isZero();
  }

  /** The deadline of a phase; {@link Duration#ZERO} when it has none. */
  public Duration forPhase(Phase phase) {
    return switch (Objects.requireNonNull(phase, "phase")) {
      case CONNECT -> connect;
      case RESPONSE_HEADERS -> responseHeaders;
      case FIRST_EVENT -> firstEvent;
      case IDLE -> idle;
      case TOTAL -> total;
    };
  }

  /** Whether a phase has a deadline. */
  public boolean isLimited(Phase phase) {
    return !forPhase(phase).isZero();
  }

  public Timeouts withConnect(Duration d) {
    return new Timeouts(d, responseHeaders, firstEvent, idle, total);
  }

  public Timeouts withResponseHeaders(Duration d) {
    return new Timeouts(connect, d, firstEvent, idle, total);
  }

  public Timeouts withFirstEvent(Duration d) {
    return new Timeouts(connect, responseHeaders, d, idle, total);
  }

  public Timeouts withIdle(Duration d) {
    return new Timeouts(connect, responseHeaders, firstEvent, d, total);
  }

  public Timeouts withTotal(Duration d) {
    return new Timeouts(connect, responseHeaders, firstEvent, idle, d);
  }

  /** In the settings' own syntax ({@code 10s}, {@code 5m}), with {@code none} for no limit. */
  @Override
  public String toString() {
    return "Timeouts[connect="
        + show(connect)
        + ", responseHeaders="
        + show(responseHeaders)
        + ", firstEvent="
        + show(firstEvent)
        + ", idle="
        + show(idle)
        + ", total="
        + show(total)
        + "]";
  }

  private static String show(Duration d) {
    return d.isZero() ? "none" : DurationParser.format(d);
  }
}
