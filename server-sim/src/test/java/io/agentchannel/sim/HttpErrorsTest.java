package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.assertError;
import static io.agentchannel.sim.HttpTestSupport.assertServes;
import static io.agentchannel.sim.HttpTestSupport.create;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the service refuses, and how: the status, the four-key error body, and a server that
 * goes on serving afterwards.
 */
class HttpErrorsTest {

  private static SimServer sim;
  private static SimHttp http;

  @BeforeAll
  static void start() {
    sim = SimServer.start(SimOptions.builder().maxRequestBytes(4096).build());
    http = new SimHttp(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @AfterEach
  void serverSurvives() {
    assertServes(http);
  }

  @Test
  void malformedJsonIsA400() {
    JsonNode error = assertError(http.post("{\"model\":\"echo\",\"input\":["), 400);
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void wrongTypeNamesTheFieldPathInParam() {
    JsonNode error =
        assertError(
            http.post(
                "{\"model\":\"echo\",\"input\":[{\"type\":\"function_call_output\","
                    + "\"call_id\":7,\"output\":\"x\"}]}"),
            400);
    assertThat(error.path("param").asText()).isEqualTo("input[0].call_id");
    assertThat(error.path("message").asText()).contains("input[0].call_id");
  }

  @Test
  void missingModelIsAMissingRequiredParameter() {
    ObjectNode body = create("echo", "no model", false);
    body.remove("model");
    JsonNode error = assertError(http.post(body.toString()), 400);
    assertThat(error.path("code").asText()).isEqualTo("missing_required_parameter");
    assertThat(error.path("param").asText()).isEqualTo("model");
  }

  @Test
  void streamIdIsUnknownOverHttp() {
    ObjectNode body = create("echo", "lanes are for sockets", true);
    body.put("stream_id", "lane-1");
    JsonNode error = assertError(http.post(body.toString()), 400);
    assertThat(error.path("code").asText()).isEqualTo("unknown_parameter");
    assertThat(error.path("param").asText()).isEqualTo("stream_id");
  }

  @Test
  void unknownPathIsA404() {
    JsonNode error = assertError(http.get("/v1/nothing-here"), 404);
    assertThat(error.path("message").asText()).contains("/v1/nothing-here");
    assertError(http.get("/v1/responses/resp_a/extra"), 404);
  }

  @Test
  void wrongMethodIsA405() {
    assertError(
        send(
            http.request("/v1/responses")
                .PUT(HttpRequest.BodyPublishers.ofString(create("echo", "x", false).toString()))
                .build()),
        405);
    // A GET that does not ask for the upgrade is not WebSocket mode, and not allowed either.
    assertError(http.get("/v1/responses"), 405);
    assertError(
        send(http.request("/v1/responses/resp_x").PUT(HttpRequest.BodyPublishers.noBody()).build()),
        405);
  }

  @Test
  void bodyOverTheLimitIsA413() {
    String filler = "x".repeat(8192);
    JsonNode error = assertError(http.post(create("echo", filler, false).toString()), 413);
    assertThat(error.path("message").asText()).contains("4096");
  }

  @Test
  void functionCallOutputWithoutItsCallIsA400() {
    String body =
        "{\"model\":\"echo\",\"input\":[{\"type\":\"function_call_output\","
            + "\"call_id\":\"call_nobody_made\",\"output\":\"x\"}]}";
    JsonNode error = assertError(http.post(body), 400);
    assertThat(error.path("message").asText()).contains("call_nobody_made");
    assertThat(error.path("param").asText()).isEqualTo("input");
  }

  @Test
  void errorsAreCounted() {
    long before = sim.stats().errors("missing_required_parameter");
    assertError(http.post("{\"input\":\"hi\"}"), 400);
    assertThat(sim.stats().errors("missing_required_parameter")).isEqualTo(before + 1);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return http.client().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Authentication, on a server of its own so that the other tests need no key. */
  @Test
  void apiKeysAreChecked() {
    String key = "sk-sim-correct-key-0123456789";
    String wrong = "sk-sim-wrong-key-9876543210abcdef";
    try (SimServer secured = SimServer.start(SimOptions.builder().apiKeys(key).build())) {
      String body = create("echo", "who am I?", false).toString();

      JsonNode missing = assertError(new SimHttp(secured).post(body), 401);
      assertThat(missing.path("type").asText()).isEqualTo("invalid_request_error");
      assertThat(missing.path("message").asText()).contains("API key");

      HttpResponse<String> wrongAnswer = new SimHttp(secured).apiKey(wrong).post(body);
      JsonNode invalid = assertError(wrongAnswer, 401);
      assertThat(invalid.path("code").asText()).isEqualTo("invalid_api_key");
      assertThat(invalid.path("message").asText()).contains("Incorrect API key");
      assertThat(wrongAnswer.body()).doesNotContain(wrong);

      assertError(new SimHttp(secured).apiKey(wrong).get("/v1/responses/resp_x"), 401);
      assertThat(new SimHttp(secured).apiKey(key).post(body).statusCode()).isEqualTo(200);
      assertThat(
              Map.of(
                  "metrics",
                  new SimHttp(secured).get("/metrics").statusCode(),
                  "stats",
                  new SimHttp(secured).get("/v1/sim/stats").statusCode()))
          .as("the metrics pages need no key")
          .containsEntry("metrics", 200)
          .containsEntry("stats", 200);
      assertServes(new SimHttp(secured).apiKey(key));
    }
  }
}
