package io.agentchannel;

import static io.agentchannel.Isolated.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentChannelOptionsSecretsTest {

  private static final String KEY = "sk-proj-SECRET123";

  @TempDir Path dir;

  @Test
  void toStringShowsEverySettingButTheKey() {
    AgentChannelOptions o = Isolated.builder().apiKey(KEY).transport("http").build();

    assertThat(o.toString())
        .doesNotContain(KEY)
        .doesNotContain("SECRET")
        .contains("apiKey=ApiKey[redacted]")
        .contains("transport=http")
        .contains("baseUrl=https://api.openai.com/v1")
        .contains("timeouts=Timeouts[connect=10s")
        .contains("streamBufferEvents=256")
        .contains("configFile=none");
    assertThat(Isolated.builder().build().toString()).contains("apiKey=none");
  }

  @Test
  void keyFromEverySourceStaysOutOfToStringAndSourceOf() throws IOException {
    Path file =
        Files.writeString(dir.resolve("k.properties"), "agentchannel.api-key=" + KEY + "\n");

    AgentChannelOptions code = Isolated.builder().apiKey(ApiKey.of(KEY)).build();
    AgentChannelOptions sys = Isolated.builder(props("agentchannel.api-key", KEY)).build();
    AgentChannelOptions env = Isolated.builder(Map.of("AGENTCHANNEL_API_KEY", KEY)).build();
    AgentChannelOptions openAi = Isolated.builder(Map.of("OPENAI_API_KEY", KEY)).build();
    AgentChannelOptions fromFile = Isolated.builder().propertiesFile(file).build();

    assertThat(code.sourceOf("agentchannel.api-key")).isEqualTo("code");
    assertThat(sys.sourceOf("agentchannel.api-key"))
        .isEqualTo("system property agentchannel.api-key");
    assertThat(env.sourceOf("agentchannel.api-key"))
        .isEqualTo("environment variable AGENTCHANNEL_API_KEY");
    assertThat(openAi.sourceOf("agentchannel.api-key"))
        .isEqualTo("environment variable OPENAI_API_KEY");
    assertThat(fromFile.sourceOf("agentchannel.api-key"))
        .isEqualTo("properties file " + file.toAbsolutePath() + " (key agentchannel.api-key)");
    for (AgentChannelOptions o : new AgentChannelOptions[] {code, sys, env, openAi, fromFile}) {
      assertThat(o.apiKey()).map(ApiKey::reveal).contains(KEY);
      assertThat(o.toString()).doesNotContain(KEY);
      assertThat(o.sourceOf("agentchannel.api-key")).doesNotContain(KEY);
    }
  }

  @Test
  void keyIsNotHandedOutAsText() {
    AgentChannelOptions o = Isolated.builder().apiKey(KEY).build();

    assertThatThrownBy(() -> o.setting("agentchannel.api-key"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiKey()")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void malformedSettingNextToTheKeyDoesNotLeakIt() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder(
                        Map.of("OPENAI_API_KEY", KEY), props("agentchannel.timeout.idle", "soon"))
                    .build());

    assertThat(e.setting()).isEqualTo("agentchannel.timeout.idle");
    assertThat(e.getMessage()).contains("\"soon\"");
    assertThat(allText(e)).doesNotContain(KEY);
  }

  @Test
  void keyPastedIntoAnotherSettingIsHidden() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", KEY)).build());

    assertThat(e.setting()).isEqualTo("agentchannel.base-url");
    assertThat(e.getMessage()).contains("contains the API key").contains("OPENAI_BASE_URL");
    assertThat(allText(e)).doesNotContain(KEY);
  }

  @Test
  void keyPastedIntoANumberSettingIsHiddenFromTheCauseToo() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .apiKey(KEY)
                    .setting("agentchannel.stream.buffer-events", KEY)
                    .build());

    assertThat(allText(e)).doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sk-with space", "sk-with\ttab", "sk-line\r\nX-Evil: 1", "sk-nul\u0000"})
  void malformedKeyIsRejectedWithoutItsValue(String bad) {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(props("agentchannel.api-key", bad)).build());

    assertThat(e.setting()).isEqualTo("agentchannel.api-key");
    assertThat(e.getMessage())
        .contains("system property agentchannel.api-key")
        .contains("whitespace or control characters")
        .contains("value not shown");
    assertThat(allText(e)).doesNotContain(bad).doesNotContain("sk-");
  }

  @Test
  void blankKeyInCodeIsRejectedWithoutAValue() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class, () -> Isolated.builder().apiKey("   ").build());

    assertThat(e.setting()).isEqualTo("agentchannel.api-key");
    assertThat(e.getMessage()).contains("(from code)").contains("blank");
  }

  @Test
  void requireApiKeyMessageNeverCarriesAKey() {
    AgentChannelOptions o = Isolated.builder().build();

    assertThatThrownBy(o::requireApiKeyUnlessLoopback)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageNotContaining("sk-");
  }

  private static String allText(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append('\n');
    }
    return sb.toString();
  }
}
