package io.agentchannel;

import static io.agentchannel.Isolated.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentChannelOptionsValuesTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "2m, PT2M",
    "1h, PT1H",
    "0, PT0S",
    "PT30S, PT30S",
    "PT1M30S, PT1M30S"
  })
  void everyDurationFormFromEverySource(String text, String expected) {
    Duration d = Duration.parse(expected);

    assertThat(
            Isolated.builder().setting("agentchannel.timeout.idle", text).build().timeouts().idle())
        .isEqualTo(d);
    assertThat(
            Isolated.builder(props("agentchannel.timeout.total", text)).build().timeouts().total())
        .isEqualTo(d);
    assertThat(
            Isolated.builder(Map.of("AGENTCHANNEL_TIMEOUT_CONNECT", text))
                .build()
                .timeouts()
                .connect())
        .isEqualTo(d);
  }

  @Test
  void eachTimeoutKeySetsItsPhase() {
    Timeouts t =
        Isolated.builder(
                props(
                    "agentchannel.timeout.connect", "1s",
                    "agentchannel.timeout.response-headers", "2s",
                    "agentchannel.timeout.first-event", "3s",
                    "agentchannel.timeout.idle", "4s",
                    "agentchannel.timeout.total", "5s"))
            .build()
            .timeouts();

    assertThat(t)
        .isEqualTo(
            new Timeouts(
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(4),
                Duration.ofSeconds(5)));
  }

  @Test
  void bareNumberIsRejectedWithKeySourceValueAndExample() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(Map.of("AGENTCHANNEL_TIMEOUT_FIRST_EVENT", "30")).build());

    assertThat(e.setting()).isEqualTo("agentchannel.timeout.first-event");
    assertThat(e.getMessage())
        .contains("agentchannel.timeout.first-event")
        .contains("environment variable AGENTCHANNEL_TIMEOUT_FIRST_EVENT")
        .contains("\"30\"")
        .contains("ambiguous")
        .contains("add a unit")
        .contains("AGENTCHANNEL_TIMEOUT_FIRST_EVENT=30s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "-5s", "1.5s", "five seconds", "PT-1S", "10d", ""})
  void malformedDurationsAreRejected(String text) {
    assertThatThrownBy(() -> Isolated.builder(props("agentchannel.timeout.idle", text)).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("agentchannel.timeout.idle")
        .hasMessageContaining("system property agentchannel.timeout.idle")
        .hasMessageContaining("\"" + text.strip() + "\"")
        .hasMessageContaining("For example: agentchannel.timeout.idle=30s")
        .extracting(t -> ((ConfigurationException) t).setting())
        .isEqualTo("agentchannel.timeout.idle");
  }

  @Test
  void negativeOrNullDurationsInCodeAreRejectedAtOnce() {
    AgentChannelOptions.Builder b = Isolated.builder();

    assertThatThrownBy(() -> b.idleTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agentchannel.timeout.idle");
    assertThatThrownBy(() -> b.connectTimeout(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> b.timeouts(null)).isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.openai.com/v1, https://api.openai.com/v1",
    "https://api.openai.com/v1/, https://api.openai.com/v1",
    "https://api.openai.com/v1///, https://api.openai.com/v1",
    "https://api.openai.com/, https://api.openai.com",
    "https://api.openai.com, https://api.openai.com",
    "HTTPS://API.OpenAI.com/V1, https://api.openai.com/V1",
    "http://localhost:8080/v1/, http://localhost:8080/v1",
    "http://[::1]:9000/, http://[::1]:9000",
    "'  https://x.example/openai/v1  ', https://x.example/openai/v1",
    "https://x.example/a%20b/, https://x.example/a%20b"
  })
  void baseUrlIsNormalised(String given, String expected) {
    assertThat(Isolated.builder().baseUrl(given).build().baseUrl()).isEqualTo(URI.create(expected));
  }

  @Test
  void baseUrlFromUri() {
    AgentChannelOptions o =
        Isolated.builder().baseUrl(URI.create("http://127.0.0.1:1/v1/")).build();

    assertThat(o.baseUrl()).hasToString("http://127.0.0.1:1/v1");
    assertThat(o.setting("agentchannel.base-url")).contains("http://127.0.0.1:1/v1/");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "api.openai.com/v1 | absolute",
        "/v1 | absolute",
        "ftp://files.example/v1 | http or https",
        "ws://api.openai.com/v1 | http or https",
        "mailto:someone@example.com | http or https",
        "https:relative | hierarchical",
        "https:///v1 | no host",
        "http://my_service:8080/v1 | no host",
        "https://api.openai.com/v1?api-version=1 | query",
        "https://api.openai.com/v1#x | fragment",
        "https://exa mple.com | not a URI",
        "' ' | blank"
      })
  void badBaseUrlsAreRejected(String given, String reason) {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(Map.of("OPENAI_BASE_URL", "x")).baseUrl(given).build());

    assertThat(e.setting()).isEqualTo("agentchannel.base-url");
    assertThat(e.getMessage())
        .contains("agentchannel.base-url = \"" + given.strip() + "\"")
        .contains("(from code)")
        .contains(reason)
        .contains("For example: agentchannel.base-url=https://api.openai.com/v1");
  }

  @Test
  void userInfoInTheBaseUrlIsRejectedAndNotEchoed() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder(Map.of("OPENAI_BASE_URL", "https://bob:hunter2@api.example/v1"))
                    .build());

    assertThat(e.getMessage())
        .contains("user info")
        .contains("environment variable OPENAI_BASE_URL")
        .doesNotContain("hunter2")
        .doesNotContain("bob");
  }

  @ParameterizedTest
  @CsvSource({
    "http, http",
    "WebSocket, websocket",
    "' vertx ', vertx",
    "AUTO, auto",
    "acme.fast_ws-2, acme.fast_ws-2"
  })
  void transportIsTrimmedAndLowerCased(String given, String expected) {
    assertThat(Isolated.builder().transport(given).build().transport()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "web socket", "http/2", "vert.x!", "héllo"})
  void badTransportIdsAreRejected(String given) {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(props("agentchannel.transport", given)).build());

    assertThat(e.setting()).isEqualTo("agentchannel.transport");
    assertThat(e.getMessage())
        .contains("system property agentchannel.transport")
        .contains("\"" + given.strip() + "\"")
        .contains("For example: agentchannel.transport=http");
  }

  @Test
  void streamBufferEvents() {
    assertThat(Isolated.builder().streamBufferEvents(1).build().streamBufferEvents()).isEqualTo(1);
    assertThat(
            Isolated.builder().streamBufferEvents(Integer.MAX_VALUE).build().streamBufferEvents())
        .isEqualTo(Integer.MAX_VALUE);
    assertThat(
            Isolated.builder(Map.of("AGENTCHANNEL_STREAM_BUFFER_EVENTS", " 1024 "))
                .build()
                .streamBufferEvents())
        .isEqualTo(1024);
    assertThatThrownBy(() -> Isolated.builder().streamBufferEvents(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "many", "1.5", "99999999999"})
  void badStreamBufferEventsAreRejected(String given) {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder().setting("agentchannel.stream.buffer-events", given).build());

    assertThat(e.setting()).isEqualTo("agentchannel.stream.buffer-events");
    assertThat(e.getMessage())
        .contains("\"" + given + "\"")
        .contains("(from code)")
        .contains("agentchannel.stream.buffer-events=256");
  }

  @Test
  void theFirstBadSettingIsReported() {
    ConfigurationException e =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder(
                        props(
                            "agentchannel.transport", "no good", "agentchannel.timeout.idle", "5"))
                    .build());

    assertThat(e.setting()).isEqualTo("agentchannel.transport");
  }

  @Test
  void providerKeysAreNotValidatedHere() {
    AgentChannelOptions o =
        Isolated.builder().setting("agentchannel.websocket.lanes", "not a number").build();

    assertThat(o.setting("agentchannel.websocket.lanes")).contains("not a number");
  }
}
