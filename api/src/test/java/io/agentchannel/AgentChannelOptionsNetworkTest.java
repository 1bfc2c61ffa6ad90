package io.agentchannel;

import static io.agentchannel.Isolated.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The WebSocket URL and the proxy rules every transport honours the same way. */
class AgentChannelOptionsNetworkTest {

  private static final URI API = URI.create("https://api.openai.com/v1/responses");
  private static final URI API_WS = URI.create("wss://api.openai.com/v1/responses");
  private static final URI PLAIN = URI.create("http://models.internal.example.com/v1/responses");
  private static final URI LOCAL = URI.create("http://127.0.0.1:8080/v1/responses");

  private static Optional<String> proxy(AgentChannelOptions options, URI target) {
    return options.proxyFor(target).map(a -> a.getHostString() + ":" + a.getPort());
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.openai.com/v1, wss://api.openai.com/v1/responses",
    "http://127.0.0.1:8080/v1/, ws://127.0.0.1:8080/v1/responses",
    "https://example.openai.azure.com/openai/v1, wss://example.openai.azure.com/openai/v1/responses",
    "http://localhost:9000, ws://localhost:9000/responses"
  })
  void the_websocket_url_follows_the_base_url(String baseUrl, String expected) {
    assertThat(Isolated.builder().baseUrl(baseUrl).build().webSocketUrl())
        .isEqualTo(URI.create(expected));
  }

  @Test
  void without_settings_or_environment_every_connection_is_direct() {
    AgentChannelOptions options = Isolated.builder().build();

    assertThat(options.proxyFor(API)).isEmpty();
    assertThat(options.proxySelector().select(API)).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void environment_proxies_follow_the_target_scheme_and_skip_loopback() {
    AgentChannelOptions options =
        Isolated.builder(
                Map.of("HTTPS_PROXY", "http://secure-proxy:3128", "http_proxy", "plain-proxy:8080"))
            .build();

    assertThat(proxy(options, API)).contains("secure-proxy:3128");
    assertThat(proxy(options, API_WS)).contains("secure-proxy:3128");
    assertThat(proxy(options, PLAIN)).contains("plain-proxy:8080");
    assertThat(proxy(options, URI.create("ws://models.internal.example.com/v1/responses")))
        .contains("plain-proxy:8080");
    assertThat(options.proxyFor(LOCAL)).isEmpty();
    assertThat(options.proxyFor(URI.create("https://localhost/v1"))).isEmpty();
  }

  @Test
  void no_proxy_matches_names_their_subdomains_and_star() {
    AgentChannelOptions options =
        Isolated.builder(
                Map.of(
                    "HTTPS_PROXY", "http://secure-proxy:3128",
                    "HTTP_PROXY", "http://plain-proxy:3128",
                    "NO_PROXY", " .internal.example.com, openai.com:443 "))
            .build();

    assertThat(options.proxyFor(API)).isEmpty();
    assertThat(options.proxyFor(PLAIN)).isEmpty();
    assertThat(proxy(options, URI.create("https://notopenai.com/v1")))
        .contains("secure-proxy:3128");

    AgentChannelOptions star =
        Isolated.builder(Map.of("HTTPS_PROXY", "http://secure-proxy:3128", "no_proxy", "*"))
            .build();
    assertThat(star.proxyFor(API)).isEmpty();
  }

  @Test
  void an_explicit_proxy_serves_every_target_including_loopback() {
    AgentChannelOptions options =
        Isolated.builder(Map.of("HTTPS_PROXY", "http://env-proxy:1"))
            .setting("agentchannel.proxy", "http://127.0.0.1:3128")
            .build();

    assertThat(proxy(options, API)).contains("127.0.0.1:3128");
    assertThat(proxy(options, LOCAL)).contains("127.0.0.1:3128");
    List<Proxy> selected = options.proxySelector().select(LOCAL);
    assertThat(selected).hasSize(1);
    assertThat(selected.get(0).type()).isEqualTo(Proxy.Type.HTTP);
    assertThat(((InetSocketAddress) selected.get(0).address()).getPort()).isEqualTo(3128);
    assertThat(options.toString()).contains("proxy=http://127.0.0.1:3128");
  }

  @Test
  void proxy_none_ignores_the_environment() {
    AgentChannelOptions options =
        Isolated.builder(
                Map.of("HTTPS_PROXY", "http://env-proxy:1"), props("agentchannel.proxy", "none"))
            .build();

    assertThat(options.proxyFor(API)).isEmpty();
  }

  @Test
  void a_bad_environment_proxy_names_the_variable() {
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () -> Isolated.builder(Map.of("HTTPS_PROXY", "socks5://proxy:1080")).build());

    assertThat(error.setting()).isEqualTo("agentchannel.proxy");
    assertThat(error.getMessage()).contains("HTTPS_PROXY").contains("only http:// proxies");
  }

  @Test
  void proxy_credentials_are_refused_and_not_repeated() {
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .setting("agentchannel.proxy", "http://user:hunter2@proxy:3128")
                    .build());

    assertThat(error.setting()).isEqualTo("agentchannel.proxy");
    assertThat(error.getMessage())
        .contains("credentials are not supported")
        .doesNotContain("hunter2");
  }
}
