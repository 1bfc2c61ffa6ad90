package io.agentchannel.sim.internal.net;

import io.agentchannel.sim.data.NetworkProfile;
import java.util.SplittableRandom;

/**
 * When each chunk of one direction of a connection leaves its link. Pure arithmetic on {@link
 * System#nanoTime()} values, kept apart from the sockets so that it can be tested without them.
 *
 * <p>Not thread-safe: one instance belongs to one {@link Link} and is used on its context only.
 */
final class LinkSchedule {

  private final long oneWayNanos;
  private final long jitterNanos;
  private final long bytesPerSecond;
  private final SplittableRandom random;
  private long lastDeparture;
  private boolean anyDeparture;

  LinkSchedule(NetworkProfile profile, SplittableRandom random) {
    this.oneWayNanos = profile.roundTrip().toNanos() / 2;
    this.jitterNanos = profile.jitter().toNanos();
    this.bytesPerSecond = profile.bandwidthBytesPerSecond();
    this.random = random;
  }

  /**
   * The departure time of {@code bytes} bytes that entered the link at {@code arrivalNanos}; {@code
   * 0} bytes for the end of the stream, which pays the delay but takes no time on the wire. Call in
   * arrival order: each departure is at or after the previous one, so jitter never reorders bytes.
   */
  long departure(long arrivalNanos, int bytes) {
    long t = arrivalNanos + oneWayNanos + jitter();
    if (anyDeparture && lastDeparture - t > 0) {
      t = lastDeparture;
    }
    t += serializationNanos(bytes);
    lastDeparture = t;
    anyDeparture = true;
    return t;
  }

  private long jitter() {
    return jitterNanos == 0 ? 0 : random.nextLong(jitterNanos + 1);
  }

  // Rounded up so that a link never runs faster than its bandwidth.
  private long serializationNanos(int bytes) {
    if (bytesPerSecond == 0 || bytes == 0) {
      return 0;
    }
    long byteNanos = (long) bytes * 1_000_000_000L;
    return byteNanos / bytesPerSecond + (byteNanos % bytesPerSecond == 0 ? 0 : 1);
  }
}
