package io.agentchannel.conversation;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Conversation} retries, rotates and warms up. Immutable; {@link #defaults()} suits
 * most agents.
 *
 * @param maxAttempts requests one turn may take, the first included (at least 1; default 4). A
 *     resend of the full context after {@code previous_response_not_found} does not count
 * @param backoffBase the wait before the second attempt; it doubles per attempt (default 100 ms)
 * @param backoffMax the longest wait between attempts, also the cap on a server's {@code
 *     Retry-After} (default 10 s)
 * @param rotateAfter the connection age after which the next turn opens a new connection, at a turn
 *     boundary, before the server's limit (60 minutes on OpenAI's service; default 55 minutes);
 *     {@link Duration#ZERO} never rotates
 * @param warmup whether the first turn over a transport with {@code WARMUP} is preceded by a {@code
 *     generate:false} request carrying the instructions and tools (default false)
 * @param replayWhenOutcomeUnknown whether a turn whose request may have reached the server, and
 *     whose outcome is unknown (a drop or a deadline after the send), is re-issued from the
 *     transcript instead of failing with {@link TurnOutcomeUnknownException} (default false)
 * @param clock the clock for connection ages (tests inject one)
 */
public record ConversationOptions(
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration rotateAfter,
    boolean warmup,
    boolean replayWhenOutcomeUnknown,
    Clock clock) {

  public ConversationOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    requireNotNegative(backoffBase, "backoffBase");
    requireNotNegative(backoffMax, "backoffMax");
    requireNotNegative(rotateAfter, "rotateAfter");
    Objects.requireNonNull(clock, "clock");
  }

  /** The defaults listed on the record's components. */
  public static ConversationOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.maxAttempts = maxAttempts;
    builder.backoffBase = backoffBase;
    builder.backoffMax = backoffMax;
    builder.rotateAfter = rotateAfter;
    builder.warmup = warmup;
    builder.replayWhenOutcomeUnknown = replayWhenOutcomeUnknown;
    builder.clock = clock;
    return builder;
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
  }

  /** Builds {@link ConversationOptions}; not thread-safe. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration backoffBase = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(10);
    private Duration rotateAfter = Duration.ofMinutes(55);
    private boolean warmup;
    private boolean replayWhenOutcomeUnknown;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder backoffBase(Duration backoffBase) {
      this.backoffBase = backoffBase;
      return this;
    }

    public Builder backoffMax(Duration backoffMax) {
      this.backoffMax = backoffMax;
      return this;
    }

    public Builder rotateAfter(Duration rotateAfter) {
      this.rotateAfter = rotateAfter;
      return this;
    }

    public Builder warmup(boolean warmup) {
      this.warmup = warmup;
      return this;
    }

    public Builder replayWhenOutcomeUnknown(boolean replay) {
      this.replayWhenOutcomeUnknown = replay;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public ConversationOptions build() {
      return new ConversationOptions(
          maxAttempts,
          backoffBase,
          backoffMax,
          rotateAfter,
          warmup,
          replayWhenOutcomeUnknown,
          clock);
    }
  }
}
