package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.error.PhaseTimeoutException.Phase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeoutsTest {

  @Test
  void defaultsAreTheDocumentedValues() {
    Timeouts t = Timeouts.defaults();

    assertThat(t.connect()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.responseHeaders()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.firstEvent()).isEqualTo(Duration.ofSeconds(60));
    assertThat(t.idle()).isEqualTo(Duration.ofSeconds(300));
    assertThat(t.total()).isEqualTo(Duration.ZERO);
    assertThat(t.hasTotal()).isFalse();
  }

  @Test
  void zeroMeansNoLimit() {
    Timeouts t = Timeouts.defaults().withTotal(Duration.ofMinutes(2)).withIdle(Duration.ZERO);

    assertThat(t.hasTotal()).isTrue();
    assertThat(t.isLimited(Phase.TOTAL)).isTrue();
    assertThat(t.isLimited(Phase.IDLE)).isFalse();
    assertThat(t.forPhase(Phase.TOTAL)).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void forPhaseCoversEveryPhase() {
    Timeouts t =
        new Timeouts(
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(3),
            Duration.ofMillis(4),
            Duration.ofMillis(5));

    assertThat(Phase.values())
        .extracting(t::forPhase)
        .containsExactly(
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(3),
            Duration.ofMillis(4),
            Duration.ofMillis(5));
  }

  @Test
  void withersChangeOnlyTheirPhase() {
    Timeouts d = Timeouts.defaults();
    Duration x = Duration.ofSeconds(7);

    assertThat(d.withConnect(x))
        .isEqualTo(new Timeouts(x, d.responseHeaders(), d.firstEvent(), d.idle(), d.total()));
    assertThat(d.withResponseHeaders(x))
        .isEqualTo(new Timeouts(d.connect(), x, d.firstEvent(), d.idle(), d.total()));
    assertThat(d.withFirstEvent(x))
        .isEqualTo(new Timeouts(d.connect(), d.responseHeaders(), x, d.idle(), d.total()));
    assertThat(d.withIdle(x))
        .isEqualTo(new Timeouts(d.connect(), d.responseHeaders(), d.firstEvent(), x, d.total()));
    assertThat(d.withTotal(x))
        .isEqualTo(new Timeouts(d.connect(), d.responseHeaders(), d.firstEvent(), d.idle(), x));
  }

  @Test
  void rejectsNegativeAndNull() {
    assertThatThrownBy(() -> Timeouts.defaults().withIdle(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idle");
    assertThatThrownBy(() -> Timeouts.defaults().withConnect(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("connect");
  }

  @Test
  void toStringUsesTheSettingsSyntax() {
    assertThat(Timeouts.defaults().withFirstEvent(Duration.ofMillis(1500)))
        .hasToString(
            "Timeouts[connect=10s, responseHeaders=1m, firstEvent=1500ms, idle=5m, total=none]");
  }
}
