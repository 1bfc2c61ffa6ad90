package io.agentchannel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void stands_still_at_its_start_until_moved() throws Exception {
    MutableClock clock = new MutableClock();
    Instant first = clock.instant();
    Thread.sleep(20);

    assertThat(first).isEqualTo(MutableClock.DEFAULT_START).isEqualTo(clock.instant());
    assertThat(clock.millis()).isEqualTo(MutableClock.DEFAULT_START.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advance_moves_it_forward_and_back_and_set_puts_it_anywhere() {
    Instant start = Instant.parse("2030-05-06T07:08:09Z");
    MutableClock clock = new MutableClock(start);

    clock.advance(Duration.ofMinutes(6));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(360));
    clock.advance(Duration.ofSeconds(-60));
    assertThat(clock.instant()).isEqualTo(start.plusSeconds(300));
    clock.set(start);
    assertThat(clock.instant()).isEqualTo(start);
  }

  @Test
  void starting_now_starts_at_the_wall_clock_and_then_stands_still() throws Exception {
    Instant before = Instant.now();
    MutableClock clock = MutableClock.startingNow();
    Instant after = Instant.now();
    Instant at = clock.instant();
    Thread.sleep(20);

    assertThat(at).isBetween(before, after);
    assertThat(clock.instant()).isEqualTo(at);
  }

  @Test
  void a_view_in_another_zone_shares_the_time() {
    MutableClock clock = new MutableClock();
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofHours(1));
    assertThat(paris.instant()).isEqualTo(clock.instant());
    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    ((MutableClock) paris).advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START.plusSeconds(7200));
    assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
  }

  @Test
  void advances_from_many_threads_at_once_are_none_of_them_lost() throws Exception {
    MutableClock clock = new MutableClock();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 10_000; i++) {
                  clock.advance(Duration.ofMillis(1));
                }
              });
      threads.add(thread);
      thread.start();
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START.plusSeconds(80));
  }
}
