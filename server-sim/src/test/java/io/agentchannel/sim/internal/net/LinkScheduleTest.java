package io.agentchannel.sim.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.NetworkProfile;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinkScheduleTest {

  private static final long MS = 1_000_000;
  private static final long T0 = 7 * MS;

  @Test
  void without_emulation_a_chunk_leaves_when_it_arrives() {
    LinkSchedule s = new LinkSchedule(NetworkProfile.none(), new SplittableRandom(1));

    assertThat(s.departure(T0, 1000)).isEqualTo(T0);
    assertThat(s.departure(T0 + 5, 1)).isEqualTo(T0 + 5);
  }

  @Test
  void each_direction_pays_half_the_round_trip() {
    LinkSchedule s =
        new LinkSchedule(NetworkProfile.of(Duration.ofMillis(100), 0), new SplittableRandom(1));

    assertThat(s.departure(T0, 10)).isEqualTo(T0 + 50 * MS);
    assertThat(s.departure(T0 + 80 * MS, 10)).isEqualTo(T0 + 130 * MS);
  }

  @Test
  void back_to_back_chunks_queue_behind_the_bandwidth() {
    LinkSchedule s =
        new LinkSchedule(NetworkProfile.of(Duration.ofMillis(20), 1000), new SplittableRandom(1));

    assertThat(s.departure(T0, 100)).isEqualTo(T0 + 110 * MS);
    assertThat(s.departure(T0, 100)).isEqualTo(T0 + 210 * MS);
    assertThat(s.departure(T0 + 1 * MS, 100)).isEqualTo(T0 + 310 * MS);
    // The link was idle by then: only the delay and its own serialization.
    assertThat(s.departure(T0 + 1000 * MS, 100)).isEqualTo(T0 + 1110 * MS);
  }

  @Test
  void serialization_rounds_up_to_the_next_nanosecond() {
    LinkSchedule s = new LinkSchedule(NetworkProfile.of(Duration.ZERO, 3), new SplittableRandom(1));

    assertThat(s.departure(0, 1)).isEqualTo(333_333_334L);
  }

  @Test
  void the_end_of_the_stream_pays_the_delay_but_no_serialization() {
    LinkSchedule s =
        new LinkSchedule(NetworkProfile.of(Duration.ofMillis(20), 1000), new SplittableRandom(1));

    long data = s.departure(T0, 100);
    assertThat(s.departure(T0, 0)).isEqualTo(data);
    assertThat(s.departure(T0 + 500 * MS, 0)).isEqualTo(T0 + 510 * MS);
  }

  @Test
  void jitter_stays_in_range_and_never_reorders() {
    NetworkProfile p = NetworkProfile.of(Duration.ofMillis(10), 0).withJitter(Duration.ofMillis(4));
    LinkSchedule s = new LinkSchedule(p, new SplittableRandom(42));

    long previous = Long.MIN_VALUE;
    boolean sawJitter = false;
    for (int i = 0; i < 10_000; i++) {
      long arrival = T0 + i * 100_000L;
      long departure = s.departure(arrival, 1);
      assertThat(departure).isGreaterThanOrEqualTo(arrival + 5 * MS);
      assertThat(departure).isGreaterThanOrEqualTo(previous);
      sawJitter |= departure > arrival + 5 * MS;
      previous = departure;
    }
    assertThat(sawJitter).isTrue();
  }

  @Test
  void the_same_seed_draws_the_same_delays() {
    NetworkProfile p = NetworkProfile.of(Duration.ofMillis(10), 0).withJitter(Duration.ofMillis(4));

    assertThat(draws(p, 99)).containsExactly(draws(p, 99));
    assertThat(draws(p, 99)).isNotEqualTo(draws(p, 100));
  }

  private static long[] draws(NetworkProfile p, long seed) {
    LinkSchedule s = new LinkSchedule(p, new SplittableRandom(seed));
    long[] out = new long[50];
    Arrays.setAll(out, i -> s.departure(T0 + i * 10 * MS, 1));
    return out;
  }

  @Test
  void timer_delays_round_up_and_are_at_least_one_millisecond() {
    assertThat(Link.millisUntil(T0 + 5 * MS, T0)).isEqualTo(5);
    assertThat(Link.millisUntil(T0 + 5 * MS + 1, T0)).isEqualTo(6);
    assertThat(Link.millisUntil(T0 + 1, T0)).isEqualTo(1);
    assertThat(Link.millisUntil(T0 - MS, T0)).isEqualTo(1);
  }
}
