package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.error.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The typed accessors transport providers use for their own keys. */
class AgentChannelOptionsProviderSettingsTest {

  private static AgentChannelOptions with(Map<String, String> env, Properties sys) {
    return AgentChannelOptions.builder()
        .environment(env)
        .systemProperties(sys)
        .setting("agentchannel.websocket.ping-interval", "20s")
        .build();
  }

  @Test
  void reads_durations_numbers_and_switches_from_every_source() {
    Properties sys = new Properties();
    sys.setProperty("agentchannel.vertx.pool-size", "64");
    AgentChannelOptions options = with(Map.of("AGENTCHANNEL_WEBSOCKET_LANES", "TRUE"), sys);

    assertThat(options.durationSetting("agentchannel.websocket.ping-interval"))
        .contains(Duration.ofSeconds(20));
    assertThat(options.intSetting("agentchannel.vertx.pool-size")).contains(64);
    assertThat(options.booleanSetting("agentchannel.websocket.lanes")).contains(true);
    assertThat(options.booleanSetting("agentchannel.websocket.compression")).isEmpty();
  }

  @Test
  void bad_values_name_the_key_the_source_and_an_example() {
    AgentChannelOptions options =
        with(
            Map.of("AGENTCHANNEL_WEBSOCKET_LANES", "yes", "AGENTCHANNEL_VERTX_POOL_SIZE", "lots"),
            new Properties());

    assertThatThrownBy(() -> options.booleanSetting("agentchannel.websocket.lanes"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("agentchannel.websocket.lanes = \"yes\"")
        .hasMessageContaining("environment variable AGENTCHANNEL_WEBSOCKET_LANES")
        .hasMessageContaining("AGENTCHANNEL_WEBSOCKET_LANES=true");
    assertThatThrownBy(() -> options.intSetting("agentchannel.vertx.pool-size"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not a whole number");
  }

  @Test
  void never_shows_the_api_key_pasted_into_a_provider_setting() {
    String secret = "sk-live-PASTED-BY-MISTAKE";
    AgentChannelOptions options =
        AgentChannelOptions.builder()
            .environment(Map.of())
            .systemProperties(new Properties())
            .apiKey(secret)
            .setting("agentchannel.websocket.ping-interval", secret)
            .build();

    assertThatThrownBy(() -> options.durationSetting("agentchannel.websocket.ping-interval"))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    assertThatThrownBy(() -> options.booleanSetting("agentchannel.api-key"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
