package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a live socket does with input that is not a valid {@code response.create}: an error frame
 * naming the problem, and the connection carries on; a later valid create still completes.
 */
class WebSocketBadInputTest extends WebSocketTestSupport {

  private static final int MAX_REQUEST_BYTES = 64 * 1024;

  private SimServer sim;
  private SimSocket socket;

  @BeforeEach
  void connectToSmallLimitServer() {
    sim = start(SimOptions.builder().maxRequestBytes(MAX_REQUEST_BYTES));
    socket = connect(sim);
  }

  @Test
  void malformed_json() {
    socket.send("{\"type\":\"response.create\",\"model\":");
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, null, null);
    assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    assertStillServes(socket);
  }

  @Test
  void a_field_of_the_wrong_type_is_named_by_its_path() {
    socket.send(
        "{\"type\":\"response.create\",\"model\":\"echo\",\"input\":[{\"type\":"
            + "\"function_call_output\",\"call_id\":5,\"output\":\"x\"}]}");
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "invalid_value", "input[0].call_id");
    assertThat(error.path("error").path("message").asText()).contains("input[0].call_id");
    assertStillServes(socket);
  }

  @Test
  void an_unknown_client_event_type() {
    socket.send("{\"type\":\"response.cancel\",\"response_id\":\"resp_1\"}");
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "invalid_value", "type");
    assertThat(error.path("error").path("message").asText()).contains("response.cancel");
    assertStillServes(socket);
  }

  @Test
  void steering_is_not_supported() {
    socket.send(
        "{\"type\":\"response.steer\",\"previous_response_id\":\"resp_1\",\"input\":\"faster\"}");
    JsonNode failed = socket.next();
    assertThat(type(failed)).isEqualTo("response.steer.failed");
    assertThat(failed.path("error").path("code").asText()).isEqualTo("steering_not_supported");
    assertThat(failed.path("steer").path("previous_response_id").asText()).isEqualTo("resp_1");
    assertStillServes(socket);
  }

  @Test
  void a_binary_frame() {
    socket.sendBinary("{\"type\":\"response.create\"}".getBytes(StandardCharsets.UTF_8));
    assertErrorFrame(socket.next(), 400, "invalid_frame", null);
    assertStillServes(socket);
  }

  @Test
  void a_message_over_the_request_limit() {
    String filler = "x".repeat(MAX_REQUEST_BYTES);
    socket.send(create("echo", filler).toString());
    assertErrorFrame(socket.next(), 413, "request_too_large", null);
    assertStillServes(socket);
  }

  @Test
  void a_missing_model() {
    socket.send(
        "{\"type\":\"response.create\",\"input\":[{\"type\":\"message\",\"role\":\"user\","
            + "\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}");
    assertErrorFrame(socket.next(), 400, "missing_required_parameter", "model");
    assertStillServes(socket);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(sim.stats().errors("missing_required_parameter")).isEqualTo(1));
  }
}
