package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.data.NetworkProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkProfileTest {

  @Test
  void none_emulates_nothing() {
    NetworkProfile none = NetworkProfile.none();

    assertThat(none.isNone()).isTrue();
    assertThat(none.roundTrip()).isZero();
    assertThat(none.bandwidthBytesPerSecond()).isZero();
    assertThat(none.hasBandwidthLimit()).isFalse();
    assertThat(none.jitter()).isZero();
  }

  @Test
  void of_and_withJitter_set_the_components() {
    NetworkProfile p =
        NetworkProfile.of(Duration.ofMillis(40), 125_000).withJitter(Duration.ofMillis(3));

    assertThat(p)
        .isEqualTo(new NetworkProfile(Duration.ofMillis(40), 125_000, Duration.ofMillis(3)));
    assertThat(p.isNone()).isFalse();
    assertThat(p.hasBandwidthLimit()).isTrue();
    assertThat(NetworkProfile.of(Duration.ZERO, 1).isNone()).isFalse();
    assertThat(NetworkProfile.none().withJitter(Duration.ofMillis(1)).isNone()).isFalse();
  }

  @Test
  void negative_components_are_rejected_by_name() {
    assertThatThrownBy(() -> NetworkProfile.of(Duration.ofMillis(-1), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roundTrip");
    assertThatThrownBy(() -> NetworkProfile.of(Duration.ZERO, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bandwidthBytesPerSecond")
        .hasMessageContaining("-5");
    assertThatThrownBy(() -> NetworkProfile.none().withJitter(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
  }

  @Test
  void null_and_overlong_components_are_rejected_by_name() {
    assertThatThrownBy(() -> NetworkProfile.of(null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("roundTrip");
    assertThatThrownBy(() -> NetworkProfile.none().withJitter(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jitter");
    assertThatThrownBy(() -> NetworkProfile.of(Duration.ofHours(2), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("roundTrip");
  }

  @Test
  void parses_the_command_line_form() {
    assertThat(NetworkProfile.parse("rtt=40ms,bandwidth=10mbit,jitter=2ms"))
        .isEqualTo(new NetworkProfile(Duration.ofMillis(40), 1_250_000, Duration.ofMillis(2)));
    assertThat(NetworkProfile.parse(" JITTER = 500us , RTT = 0.5s "))
        .isEqualTo(new NetworkProfile(Duration.ofMillis(500), 0, Duration.ofNanos(500_000)));
    assertThat(NetworkProfile.parse("rtt=1s"))
        .isEqualTo(NetworkProfile.of(Duration.ofSeconds(1), 0));
    assertThat(NetworkProfile.parse("rtt=0")).isEqualTo(NetworkProfile.none());
    assertThat(NetworkProfile.parse("none")).isSameAs(NetworkProfile.none());
  }

  @ParameterizedTest(name = "bandwidth={0} is {1} B/s")
  @CsvSource({
    "unlimited, 0",
    "0, 0",
    "8, 1",
    "800bps, 100",
    "512k, 64000",
    "100kbit/s, 12500",
    "1.5mbit, 187500",
    "10M, 1250000",
    "1gbit, 125000000",
  })
  void parses_bandwidth_in_bits_per_second(String value, long bytesPerSecond) {
    assertThat(NetworkProfile.parse("bandwidth=" + value).bandwidthBytesPerSecond())
        .isEqualTo(bytesPerSecond);
  }

  @Test
  void an_unknown_key_is_named() {
    assertThatThrownBy(() -> NetworkProfile.parse("rtt=40ms,latency=5ms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'latency'");
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(
      strings = {
        "",
        "  ",
        "rtt",
        "rtt=40",
        "rtt=-4ms",
        "rtt=40 minutes",
        "rtt=2h",
        "rtt=3601s",
        "jitter=fast",
        "bandwidth=4",
        "bandwidth=10mbyte",
        "bandwidth=-1m",
        "rtt=40ms,",
        "rtt=40ms,rtt=50ms",
      })
  void rejects_malformed_text(String text) {
    assertThatThrownBy(() -> NetworkProfile.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void a_bad_value_names_its_key_and_value() {
    assertThatThrownBy(() -> NetworkProfile.parse("rtt=40ms,jitter=2x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'jitter'")
        .hasMessageContaining("'2x'");
    assertThatThrownBy(() -> NetworkProfile.parse("bandwidth=fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'bandwidth'")
        .hasMessageContaining("'fast'");
  }
}
