package io.agentchannel.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed subclasses of {@link ApiException} that the runtime acts on. */
class ApiExceptionTypesTest {

  private static ServerEvent.Error errorFrame(String code, Map<String, String> headers) {
    return new ServerEvent.Error(
        EventMeta.of(EventMeta.NO_SEQUENCE),
        400,
        new ErrorDetail(
            "invalid_request_error", code, "message of " + code, null, headers, Map.of()),
        ServerEvent.ErrorShape.NESTED);
  }

  @Test
  void the_connection_limit_code_gives_its_own_type_with_status_and_headers() {
    ApiException error =
        ApiException.fromEvent(
            errorFrame("websocket_connection_limit_reached", Map.of("retry-after", "2")));

    assertThat(error).isInstanceOf(ConnectionLimitReachedException.class);
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo(ConnectionLimitReachedException.CODE);
    assertThat(error.retryAfter()).contains(Duration.ofSeconds(2));
  }

  @Test
  void other_codes_stay_plain_api_exceptions() {
    ApiException error =
        ApiException.fromEvent(errorFrame("previous_response_not_found", Map.of()));

    assertThat(error).isNotInstanceOf(ConnectionLimitReachedException.class);
    assertThat(error.code()).isEqualTo("previous_response_not_found");
  }

  @Test
  void a_refused_upgrade_is_an_api_exception_with_status_426() {
    ApiException error =
        new WebSocketModeUnavailableException(
            ErrorDetail.of(null, null, "WebSocket mode is not offered", null), Map.of());

    assertThat(error.status()).isEqualTo(426);
    assertThat(error.getMessage()).contains("status 426").contains("not offered");
  }
}
