package io.agentchannel.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseBodySubscriberTest {

  @Test
  void a_held_terminal_event_waits_less_than_the_idle_deadline() {
    assertThat(SseBodySubscriber.terminalGrace(Duration.ZERO))
        .isEqualTo(SseBodySubscriber.TERMINAL_GRACE);
    assertThat(SseBodySubscriber.terminalGrace(Duration.ofSeconds(300)))
        .isEqualTo(SseBodySubscriber.TERMINAL_GRACE);
    assertThat(SseBodySubscriber.terminalGrace(Duration.ofMillis(100)))
        .isEqualTo(Duration.ofMillis(50));
  }
}
