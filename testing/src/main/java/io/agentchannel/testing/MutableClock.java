package io.agentchannel.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it, so that deadlines, connection ages and
 * timestamps can be driven without waiting.
 *
 * <p>Lifecycle: none; it holds no thread or resource and needs no closing. Threading: thread-safe;
 * the code under test may read it on any thread while the test advances it, and every reader sees a
 * move as soon as {@link #advance} or {@link #set} returns. Views made by {@link #withZone} share
 * this clock's time, so moving one moves them all. Limits: time moves only when told, never by
 * itself, and may be moved backwards (a negative amount), which real clocks of the JDK never do.
 */
public final class MutableClock extends Clock {

  /** Where {@link #MutableClock()} starts: 2026-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@link #DEFAULT_START}, in UTC. */
  public MutableClock() {
    this(DEFAULT_START);
  }

  /** A clock at {@code start}, in UTC. */
  public MutableClock(Instant start) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at the current wall-clock time, in UTC, that from then on moves only when told. */
  public static MutableClock startingNow() {
    return new MutableClock(Instant.now());
  }

  /** Moves the clock forward by {@code amount} (back, for a negative amount), atomically. */
  public void advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    now.updateAndGet(t -> t.plus(amount));
  }

  /** Puts the clock at {@code instant}. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** A view in another zone that shares this clock's time: advancing either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "," + zone + "]";
  }
}
