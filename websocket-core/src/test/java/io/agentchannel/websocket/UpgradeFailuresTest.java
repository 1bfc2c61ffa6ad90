package io.agentchannel.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.WebSocketModeUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpgradeFailuresTest {

  @Test
  void status_426_means_websocket_mode_is_not_offered() {
    AgentChannelException error = UpgradeFailures.of(426, Map.of(), "");
    assertThat(error).isInstanceOf(WebSocketModeUnavailableException.class);
    assertThat(((ApiException) error).status()).isEqualTo(426);
  }

  @Test
  void status_401_is_an_authentication_error_read_from_the_body() {
    String body =
        "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
            + "\"param\":null,\"code\":\"invalid_api_key\"}}";
    ApiException error = (ApiException) UpgradeFailures.of(401, Map.of(), body);
    assertThat(error).isNotInstanceOf(WebSocketModeUnavailableException.class);
    assertThat(error.status()).isEqualTo(401);
    assertThat(error.code()).isEqualTo("invalid_api_key");
  }

  @Test
  void status_429_keeps_retry_after_and_rate_limit_headers_only() {
    ApiException error =
        (ApiException)
            UpgradeFailures.of(
                429,
                Map.of(
                    "Retry-After", "7",
                    "x-ratelimit-remaining-requests", "0",
                    "Set-Cookie", "secret"),
                null);
    assertThat(error.status()).isEqualTo(429);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(error.headers()).containsOnlyKeys("retry-after", "x-ratelimit-remaining-requests");
  }

  @Test
  void other_statuses_keep_the_status_and_an_excerpt_of_a_body_that_is_not_an_error_body() {
    ApiException error =
        (ApiException) UpgradeFailures.of(502, Map.of(), "<html>bad gateway</html>");
    assertThat(error.status()).isEqualTo(502);
    assertThat(error.getMessage()).contains("502").contains("bad gateway");
  }
}
