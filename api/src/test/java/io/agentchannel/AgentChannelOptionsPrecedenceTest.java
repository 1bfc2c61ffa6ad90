package io.agentchannel;

import static io.agentchannel.Isolated.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentChannelOptionsPrecedenceTest {

  @TempDir Path dir;

  @Test
  void nothingSetGivesTheDefaults() {
    AgentChannelOptions o = Isolated.builder().build();

    assertThat(o.transport()).isEqualTo(AgentChannelOptions.DEFAULT_TRANSPORT).isEqualTo("auto");
    assertThat(o.baseUrl()).isEqualTo(AgentChannelOptions.DEFAULT_BASE_URL);
    assertThat(o.apiKey()).isEmpty();
    assertThat(o.timeouts()).isEqualTo(Timeouts.defaults());
    assertThat(o.streamBufferEvents()).isEqualTo(AgentChannelOptions.DEFAULT_STREAM_BUFFER_EVENTS);
    assertThat(o.sourceOf("agentchannel.transport")).isEqualTo("default");
    assertThat(o.sourceOf("agentchannel.timeout.idle")).isEqualTo("default");
    assertThat(o.sourceOf("agentchannel.api-key")).isEqualTo("not set");
    assertThat(o.sourceOf("agentchannel.config-file")).isEqualTo("not set");
    assertThat(o.setting("agentchannel.timeout.idle")).contains("5m");
    assertThat(o.setting("agentchannel.transport")).contains("auto");
  }

  /** Each level set for three keys at once; removing the top level each time reveals the next. */
  @Test
  void eachSourceBeatsTheOnesBelowIt() throws IOException {
    Path file =
        write(
            "agentchannel.transport=file-transport\n"
                + "agentchannel.timeout.idle=4s\n"
                + "agentchannel.websocket.lanes=4\n");
    Map<String, String> env =
        Map.of(
            "AGENTCHANNEL_TRANSPORT", "env-transport",
            "AGENTCHANNEL_TIMEOUT_IDLE", "3s",
            "AGENTCHANNEL_WEBSOCKET_LANES", "3");
    Properties sys =
        props(
            "agentchannel.transport", "sys-transport",
            "agentchannel.timeout.idle", "2s",
            "agentchannel.websocket.lanes", "2");
    AgentChannelOptions.Builder all =
        Isolated.builder(env, sys)
            .propertiesFile(file)
            .transport("code-transport")
            .idleTimeout(Duration.ofSeconds(1))
            .setting("agentchannel.websocket.lanes", "1");

    AgentChannelOptions code = all.build();
    assertThat(code.transport()).isEqualTo("code-transport");
    assertThat(code.timeouts().idle()).isEqualTo(Duration.ofSeconds(1));
    assertThat(code.setting("agentchannel.websocket.lanes")).contains("1");
    assertThat(code.sourceOf("agentchannel.websocket.lanes")).isEqualTo("code");

    AgentChannelOptions system =
        all.setting("agentchannel.transport", null)
            .setting("agentchannel.timeout.idle", null)
            .setting("agentchannel.websocket.lanes", null)
            .build();
    assertThat(system.transport()).isEqualTo("sys-transport");
    assertThat(system.timeouts().idle()).isEqualTo(Duration.ofSeconds(2));
    assertThat(system.setting("agentchannel.websocket.lanes")).contains("2");
    assertThat(system.sourceOf("agentchannel.websocket.lanes"))
        .isEqualTo("system property agentchannel.websocket.lanes");

    sys.clear();
    AgentChannelOptions environment = all.build();
    assertThat(environment.transport()).isEqualTo("env-transport");
    assertThat(environment.timeouts().idle()).isEqualTo(Duration.ofSeconds(3));
    assertThat(environment.setting("agentchannel.websocket.lanes")).contains("3");
    assertThat(environment.sourceOf("agentchannel.websocket.lanes"))
        .isEqualTo("environment variable AGENTCHANNEL_WEBSOCKET_LANES");

    AgentChannelOptions fromFile = all.environment(Map.of()).build();
    assertThat(fromFile.transport()).isEqualTo("file-transport");
    assertThat(fromFile.timeouts().idle()).isEqualTo(Duration.ofSeconds(4));
    assertThat(fromFile.setting("agentchannel.websocket.lanes")).contains("4");
    assertThat(fromFile.sourceOf("agentchannel.websocket.lanes"))
        .isEqualTo(
            "properties file " + file.toAbsolutePath() + " (key agentchannel.websocket.lanes)");

    AgentChannelOptions defaults = all.setting("agentchannel.config-file", null).build();
    assertThat(defaults.transport()).isEqualTo("auto");
    assertThat(defaults.timeouts().idle()).isEqualTo(Duration.ofSeconds(300));
    assertThat(defaults.setting("agentchannel.websocket.lanes")).isEmpty();
    assertThat(defaults.sourceOf("agentchannel.websocket.lanes")).isEqualTo("not set");
  }

  @Test
  void sourceOfNamesEveryKindOfSource() throws IOException {
    Path file = write("agentchannel.timeout.total=1h\n");
    AgentChannelOptions o =
        Isolated.builder(
                Map.of("AGENTCHANNEL_TIMEOUT_IDLE", "3s", "OPENAI_BASE_URL", "http://localhost:1"),
                props(
                    "agentchannel.timeout.connect",
                    "2s",
                    "agentchannel.config-file",
                    file.toString()))
            .firstEventTimeout(Duration.ofSeconds(1))
            .build();

    assertThat(o.sourceOf("agentchannel.timeout.first-event")).isEqualTo("code");
    assertThat(o.sourceOf("agentchannel.timeout.connect"))
        .isEqualTo("system property agentchannel.timeout.connect");
    assertThat(o.sourceOf("agentchannel.timeout.idle"))
        .isEqualTo("environment variable AGENTCHANNEL_TIMEOUT_IDLE");
    assertThat(o.sourceOf("agentchannel.base-url"))
        .isEqualTo("environment variable OPENAI_BASE_URL");
    assertThat(o.sourceOf("agentchannel.timeout.total"))
        .isEqualTo(
            "properties file " + file.toAbsolutePath() + " (key agentchannel.timeout.total)");
    assertThat(o.sourceOf("agentchannel.timeout.response-headers")).isEqualTo("default");
    assertThat(o.sourceOf("agentchannel.config-file"))
        .isEqualTo("system property agentchannel.config-file");
    assertThat(o.timeouts().total()).isEqualTo(Duration.ofHours(1));
  }

  @ParameterizedTest
  @CsvSource({
    "agentchannel.transport, AGENTCHANNEL_TRANSPORT",
    "agentchannel.base-url, AGENTCHANNEL_BASE_URL",
    "agentchannel.api-key, AGENTCHANNEL_API_KEY",
    "agentchannel.timeout.connect, AGENTCHANNEL_TIMEOUT_CONNECT",
    "agentchannel.timeout.response-headers, AGENTCHANNEL_TIMEOUT_RESPONSE_HEADERS",
    "agentchannel.timeout.first-event, AGENTCHANNEL_TIMEOUT_FIRST_EVENT",
    "agentchannel.timeout.idle, AGENTCHANNEL_TIMEOUT_IDLE",
    "agentchannel.timeout.total, AGENTCHANNEL_TIMEOUT_TOTAL",
    "agentchannel.stream.buffer-events, AGENTCHANNEL_STREAM_BUFFER_EVENTS",
    "agentchannel.config-file, AGENTCHANNEL_CONFIG_FILE",
    "agentchannel.websocket.lanes, AGENTCHANNEL_WEBSOCKET_LANES",
    "agentchannel.vendor-x.max-idle.ms, AGENTCHANNEL_VENDOR_X_MAX_IDLE_MS"
  })
  void environmentNameIsTheKeyUpperCasedWithUnderscores(String key, String env) throws IOException {
    String value = key.equals("agentchannel.config-file") ? write("").toString() : "1s";
    AgentChannelOptions.Builder b = Isolated.builder(Map.of(env, value));
    if (key.equals("agentchannel.transport")) {
      b.environment(Map.of(env, "vendor.x"));
    } else if (key.equals("agentchannel.base-url")) {
      b.environment(Map.of(env, "http://localhost:8080"));
    } else if (key.equals("agentchannel.stream.buffer-events")) {
      b.environment(Map.of(env, "8"));
    }

    AgentChannelOptions o = b.build();

    assertThat(o.sourceOf(key)).isEqualTo("environment variable " + env);
  }

  @Test
  void typedEnvironmentValuesAreRead() {
    AgentChannelOptions o =
        Isolated.builder(
                Map.of(
                    "AGENTCHANNEL_TRANSPORT", "WebSocket",
                    "AGENTCHANNEL_BASE_URL", "http://127.0.0.1:8080/v1/",
                    "AGENTCHANNEL_TIMEOUT_FIRST_EVENT", "45s",
                    "AGENTCHANNEL_STREAM_BUFFER_EVENTS", "16"))
            .build();

    assertThat(o.transport()).isEqualTo("websocket");
    assertThat(o.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8080/v1"));
    assertThat(o.timeouts().firstEvent()).isEqualTo(Duration.ofSeconds(45));
    assertThat(o.streamBufferEvents()).isEqualTo(16);
  }

  @Test
  void openAiVariablesComeRightAfterTheirAgentChannelEquivalents() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_API_KEY", "sk-openai");
    env.put("OPENAI_BASE_URL", "https://openai.example/v1");

    AgentChannelOptions openAiOnly = Isolated.builder(env).build();
    assertThat(openAiOnly.apiKey()).map(ApiKey::reveal).contains("sk-openai");
    assertThat(openAiOnly.baseUrl()).isEqualTo(URI.create("https://openai.example/v1"));
    assertThat(openAiOnly.sourceOf("agentchannel.api-key"))
        .isEqualTo("environment variable OPENAI_API_KEY");

    env.put("AGENTCHANNEL_API_KEY", "sk-agentchannel");
    env.put("AGENTCHANNEL_BASE_URL", "https://agentchannel.example/v1");
    AgentChannelOptions both = Isolated.builder(env).build();
    assertThat(both.apiKey()).map(ApiKey::reveal).contains("sk-agentchannel");
    assertThat(both.baseUrl()).isEqualTo(URI.create("https://agentchannel.example/v1"));
    assertThat(both.sourceOf("agentchannel.api-key"))
        .isEqualTo("environment variable AGENTCHANNEL_API_KEY");

    AgentChannelOptions sysWins =
        Isolated.builder(env, props("agentchannel.base-url", "https://sys.example"))
            .apiKey("sk-code")
            .build();
    assertThat(sysWins.apiKey()).map(ApiKey::reveal).contains("sk-code");
    assertThat(sysWins.baseUrl()).isEqualTo(URI.create("https://sys.example"));
  }

  @Test
  void openAiVariablesBeatThePropertiesFile() throws IOException {
    Path file = write("agentchannel.api-key=sk-file\nagentchannel.base-url=https://file.example\n");

    AgentChannelOptions o =
        Isolated.builder(
                Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", "https://env.example"))
            .propertiesFile(file)
            .build();

    assertThat(o.apiKey()).map(ApiKey::reveal).contains("sk-env");
    assertThat(o.baseUrl()).isEqualTo(URI.create("https://env.example"));
  }

  @Test
  void openAiNamesOnlyApplyToTheirTwoSettings() {
    AgentChannelOptions o =
        Isolated.builder(Map.of("OPENAI_TIMEOUT_IDLE", "1s", "OPENAI_ORG_ID", "x")).build();

    assertThat(o.timeouts().idle()).isEqualTo(Timeouts.defaults().idle());
  }

  @Test
  void blankEnvironmentVariablesCountAsUnset() {
    AgentChannelOptions o =
        Isolated.builder(
                Map.of(
                    "AGENTCHANNEL_API_KEY", "",
                    "OPENAI_API_KEY", "sk-fallback",
                    "AGENTCHANNEL_TRANSPORT", "  ",
                    "AGENTCHANNEL_WEBSOCKET_LANES", ""))
            .build();

    assertThat(o.apiKey()).map(ApiKey::reveal).contains("sk-fallback");
    assertThat(o.transport()).isEqualTo("auto");
    assertThat(o.setting("agentchannel.websocket.lanes")).isEmpty();
  }

  @Test
  void valuesAreStrippedOfSurroundingSpace() {
    AgentChannelOptions o =
        Isolated.builder(props("agentchannel.transport", "  HTTP \t", "agentchannel.x.y", " v "))
            .build();

    assertThat(o.transport()).isEqualTo("http");
    assertThat(o.setting("agentchannel.x.y")).contains("v");
  }

  @Test
  void nonAgentChannelSystemPropertiesAndVariablesAreIgnored() {
    AgentChannelOptions o =
        Isolated.builder(Map.of("TRANSPORT", "http"), props("transport", "http")).build();

    assertThat(o.transport()).isEqualTo("auto");
  }

  @Test
  void laterCodeCallsReplaceEarlierOnesWhicheverSetterMadeThem() {
    AgentChannelOptions o =
        Isolated.builder()
            .transport("http")
            .setting("agentchannel.transport", "vertx")
            .setting("agentchannel.timeout.total", "2m")
            .totalTimeout(Duration.ofSeconds(5))
            .timeouts(Timeouts.defaults().withIdle(Duration.ofSeconds(9)))
            .idleTimeout(Duration.ofSeconds(8))
            .build();

    assertThat(o.transport()).isEqualTo("vertx");
    assertThat(o.timeouts().total()).isEqualTo(Duration.ZERO);
    assertThat(o.timeouts().idle()).isEqualTo(Duration.ofSeconds(8));
    assertThat(o.sourceOf("agentchannel.timeout.total")).isEqualTo("code");
  }

  @Test
  void codeDurationsKeepSubMillisecondPrecision() {
    Duration odd = Duration.ofNanos(1_500_001);

    AgentChannelOptions o = Isolated.builder().connectTimeout(odd).build();

    assertThat(o.timeouts().connect()).isEqualTo(odd);
  }

  @Test
  void builderIsASnapshotOfTheSourcesAtBuildTime() {
    Properties sys = props("agentchannel.transport", "http");
    Map<String, String> env = new HashMap<>(Map.of("AGENTCHANNEL_X_Y", "1"));
    AgentChannelOptions o = Isolated.builder(env, sys).build();

    sys.setProperty("agentchannel.transport", "vertx");
    env.put("AGENTCHANNEL_X_Y", "2");

    assertThat(o.transport()).isEqualTo("http");
    assertThat(o.setting("agentchannel.transport")).contains("http");
    assertThat(o.setting("agentchannel.x.y")).contains("1");
  }

  @Test
  void toBuilderKeepsEverySourceAndTheFileAlreadyRead() throws IOException {
    Path file = write("agentchannel.timeout.total=1h\nagentchannel.p.q=file\n");
    AgentChannelOptions original =
        Isolated.builder(
                Map.of("OPENAI_API_KEY", "sk-env"), props("agentchannel.timeout.idle", "7s"))
            .propertiesFile(file)
            .transport("http")
            .build();
    Files.delete(file);

    AgentChannelOptions copy = original.toBuilder().transport("websocket").build();

    assertThat(copy.transport()).isEqualTo("websocket");
    assertThat(copy.apiKey()).isEqualTo(original.apiKey());
    assertThat(copy.timeouts()).isEqualTo(original.timeouts());
    assertThat(copy.timeouts().total()).isEqualTo(Duration.ofHours(1));
    assertThat(copy.setting("agentchannel.p.q")).contains("file");
    assertThat(copy.sourceOf("agentchannel.timeout.idle"))
        .isEqualTo("system property agentchannel.timeout.idle");
    assertThat(original.toBuilder().build()).hasToString(original.toString());
  }

  @Test
  void keysMustBeAgentChannelKeys() {
    AgentChannelOptions o = Isolated.builder().build();

    assertThatThrownBy(() -> o.setting("transport")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.setting("OPENAI_API_KEY"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> o.sourceOf("agentchannel."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Isolated.builder().setting("other.key", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agentchannel.");
  }

  private Path write(String content) throws IOException {
    Path file = Files.createTempFile(dir, "agentchannel", ".properties");
    Files.writeString(file, content);
    return file;
  }
}
