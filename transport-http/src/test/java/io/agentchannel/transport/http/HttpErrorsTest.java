package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.failureOf;
import static io.agentchannel.transport.http.SimChannels.faulty;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.testing.RawServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP error statuses, SSE error events, failed responses and protocol violations, typed. */
class HttpErrorsTest {

  private static SimServer sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private static Throwable failureWith(
      AgentChannelOptions options, io.agentchannel.wire.model.CreateRequest request) {
    try (AgentChannel channel = AgentChannels.create(options)) {
      return failureOf(channel.create(request).drain(), 10);
    }
  }

  @Test
  void a_wrong_key_is_a_401_api_exception_that_never_shows_the_key() {
    Throwable error =
        failureWith(options(sim).apiKey("sk-wrong-secret-123").build(), echo("hi").build());

    assertThat(error).isInstanceOf(ApiException.class);
    ApiException api = (ApiException) error;
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.type()).isNotNull();
    assertThat(api.getMessage()).doesNotContain("sk-wrong-secret-123");
    assertThat(api.headers().toString()).doesNotContain("sk-wrong-secret-123");
  }

  @Test
  void a_400_carries_type_code_and_param_of_the_error_body() {
    Throwable error =
        failureWith(options(sim).build(), echo("hi").previousResponseId("resp_unknown").build());

    assertThat(error).isInstanceOf(ApiException.class);
    ApiException api = (ApiException) error;
    assertThat(api.status()).isEqualTo(400);
    assertThat(api.type()).isEqualTo("invalid_request_error");
    assertThat(api.code()).isEqualTo("previous_response_not_found");
    assertThat(api.param()).isEqualTo("previous_response_id");
  }

  @Test
  void a_429_exposes_retry_after_and_the_rate_limit_headers() {
    Throwable error = failureWith(options(sim).build(), faulty("hi", "status:429:7"));

    assertThat(error).isInstanceOf(ApiException.class);
    ApiException api = (ApiException) error;
    assertThat(api.status()).isEqualTo(429);
    assertThat(api.code()).isEqualTo("rate_limit_exceeded");
    assertThat(api.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(api.headers()).containsEntry("retry-after", "7");
    assertThat(api.headers().keySet()).anyMatch(name -> name.startsWith("x-ratelimit-"));
    assertThat(api.headers()).containsKey("x-request-id");
  }

  @Test
  void a_500_is_a_server_error() {
    Throwable error = failureWith(options(sim).build(), faulty("hi", "status:500"));

    assertThat(error).isInstanceOf(ApiException.class);
    assertThat(((ApiException) error).status()).isEqualTo(500);
    assertThat(((ApiException) error).type()).isEqualTo("server_error");
  }

  @Test
  void an_sse_error_event_ends_the_stream_with_an_api_exception_after_the_events_before_it() {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      var stream = channel.create(faulty("[sim answer_tokens=20] hi", "error_after:3"));
      stream.subscribe(recorder);
      Throwable error = failureOf(stream.completion(), 10);

      assertThat(error).isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).code()).isNotNull();
      assertThat(recorder.types()).hasSize(4).endsWith("error");
      assertThat(recorder.error).isSameAs(error);
    }
  }

  @Test
  void a_failed_response_is_an_api_exception() {
    Throwable error =
        failureWith(options(sim).build(), faulty("[sim answer_tokens=20] hi", "fail_after:3"));

    assertThat(error).isInstanceOf(ApiException.class);
    assertThat(((ApiException) error).getMessage()).isNotBlank();
  }

  @Test
  void an_event_that_is_not_json_is_a_protocol_violation() {
    Throwable error =
        failureWith(options(sim).build(), faulty("[sim answer_tokens=20] hi", "malformed_after:3"));

    assertThat(error).isInstanceOf(ProtocolViolationException.class);
  }

  @Test
  void an_event_over_max_event_bytes_is_a_protocol_violation_naming_the_setting() {
    Throwable error =
        failureWith(
            options(sim).setting(HttpTransportOptions.MAX_EVENT_BYTES_KEY, "4096").build(),
            faulty("[sim answer_tokens=20] hi", "oversized_after:3:20000"));

    assertThat(error)
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("4096 bytes")
        .hasMessageContaining(HttpTransportOptions.MAX_EVENT_BYTES_KEY);
  }

  @Test
  void an_error_body_that_is_not_json_still_gives_a_typed_api_exception_with_an_excerpt()
      throws Exception {
    try (RawServer server =
        RawServer.replying(
            RawServer.response(
                502, "text/html", "<html><body>Bad gateway from the proxy</body></html>"))) {
      Throwable error =
          failureWith(options(sim).baseUrl(server.baseUrl()).build(), echo("hi").build());

      assertThat(error).isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).status()).isEqualTo(502);
      assertThat(error.getMessage()).contains("Bad gateway from the proxy").contains("text/html");
    }
  }

  @Test
  void reads_no_more_of_an_error_body_than_max_error_body_bytes() throws Exception {
    String huge = "{\"error\":{\"message\":\"" + "x".repeat(100_000) + "\"}}";
    try (RawServer server = RawServer.replying(RawServer.response(500, "application/json", huge))) {
      Throwable error =
          failureWith(
              options(sim)
                  .baseUrl(server.baseUrl())
                  .setting(HttpTransportOptions.MAX_ERROR_BODY_BYTES_KEY, "1024")
                  .build(),
              echo("hi").build());

      // Cut at 1 KiB the body is no longer an error object: a typed error with an excerpt.
      assertThat(error).isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).status()).isEqualTo(500);
      assertThat(error.getMessage())
          .contains("not an error object")
          .contains("xxxx")
          .hasSizeLessThan(1024);
    }
  }

  @Test
  void a_2xx_that_is_not_an_event_stream_is_a_protocol_violation_naming_the_content_type()
      throws Exception {
    try (RawServer server =
        RawServer.replying(RawServer.response(200, "application/json", "{\"id\":\"resp_1\"}"))) {
      Throwable error =
          failureWith(options(sim).baseUrl(server.baseUrl()).build(), echo("hi").build());

      assertThat(error)
          .isInstanceOf(ProtocolViolationException.class)
          .hasMessageContaining("application/json")
          .hasMessageContaining("text/event-stream");
    }
  }

  @Test
  void sends_the_key_only_as_a_bearer_header_and_asks_for_an_event_stream() throws Exception {
    try (RawServer server = RawServer.replying(RawServer.response(500, "text/plain", "no"))) {
      failureWith(options(sim).baseUrl(server.baseUrl()).build(), echo("hi").build());

      String head = server.requestHeads().get(0);
      assertThat(head).startsWith("POST /v1/responses HTTP/1.1");
      assertThat(head.toLowerCase(java.util.Locale.ROOT))
          .contains("authorization: bearer " + SimChannels.KEY)
          .contains("accept: text/event-stream")
          .contains("content-type: application/json");
      assertThat(head.split(SimChannels.KEY, -1)).hasSize(2);
    }
  }
}
