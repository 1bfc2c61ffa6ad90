package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentChannelOptionsLoopbackTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080/v1",
        "http://localhost:8080/v1",
        "http://LOCALHOST/v1",
        "http://[::1]:8080/v1",
        "http://[0:0:0:0:0:0:0:1]/v1",
        "http://127.5.5.5/v1",
        "https://127.255.255.255"
      })
  void noKeyNeededOnThisMachine(String url) {
    AgentChannelOptions o = Isolated.builder().baseUrl(url).build();

    assertThatCode(o::requireApiKeyUnlessLoopback).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/v1",
        "https://api.openai.com/v1",
        "http://128.0.0.1/v1",
        "http://10.0.0.1/v1",
        "http://[::2]/v1",
        "http://localhost.example.com/v1",
        "http://127.0.0.1.example.com/v1",
        "http://0.0.0.0/v1"
      })
  void keyNeededElsewhere(String url) {
    AgentChannelOptions o = Isolated.builder(Map.of("AGENTCHANNEL_BASE_URL", url)).build();

    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, o::requireApiKeyUnlessLoopback);

    assertThat(e.setting()).isEqualTo("agentchannel.api-key");
    assertThat(e.getMessage())
        .contains("OPENAI_API_KEY")
        .contains("agentchannel.api-key")
        .contains("AGENTCHANNEL_API_KEY")
        .contains(o.baseUrl().toString())
        .contains("environment variable AGENTCHANNEL_BASE_URL");
  }

  @Test
  void defaultBaseUrlNeedsAKey() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, Isolated.builder().build()::requireApiKeyUnlessLoopback);

    assertThat(e.getMessage()).contains("https://api.openai.com/v1 (from default)");
  }

  @Test
  void aKeyIsEnoughAnywhere() {
    AgentChannelOptions o =
        Isolated.builder(Map.of("OPENAI_API_KEY", "sk-x")).baseUrl("https://example.com").build();

    assertThatCode(o::requireApiKeyUnlessLoopback).doesNotThrowAnyException();
  }
}
