package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TckTimeoutsTest {

  @Test
  void defaults_without_overrides() {
    assertThat(TckTimeouts.from(key -> null, Map.of())).isEqualTo(TckTimeouts.DEFAULTS);
  }

  @Test
  void system_properties_win_over_the_environment_and_the_factor_scales_everything() {
    Map<String, String> props =
        Map.of("agentchannel.tck.await", "20s", "agentchannel.tck.timeout-factor", "2");
    Map<String, String> env =
        Map.of("AGENTCHANNEL_TCK_AWAIT", "99s", "AGENTCHANNEL_TCK_QUIET", "100ms");
    TckTimeouts t = TckTimeouts.from(props::get, env);
    assertThat(t.await()).isEqualTo(Duration.ofSeconds(40));
    assertThat(t.quiet()).isEqualTo(Duration.ofMillis(200));
    assertThat(t.deadline()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void bad_values_name_the_key() {
    assertThatThrownBy(
            () -> TckTimeouts.from(Map.of("agentchannel.tck.quiet", "soon")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agentchannel.tck.quiet")
        .hasMessageContaining("soon");
    assertThatThrownBy(
            () -> TckTimeouts.from(Map.of("agentchannel.tck.timeout-factor", "0")::get, Map.of()))
        .hasMessageContaining("timeout-factor");
  }
}
