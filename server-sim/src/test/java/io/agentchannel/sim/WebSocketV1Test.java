package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.sim.data.InFlightPolicy;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.sim.testing.SimSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Version 1 (launch) semantics: no lanes, one response in flight, and a second create queued or
 * rejected by the {@link InFlightPolicy}. The first response has a model latency so that the second
 * create certainly arrives while it runs.
 */
class WebSocketV1Test extends WebSocketTestSupport {

  private static final Duration FIRST_TOKEN = Duration.ofMillis(300);

  private SimServer v1(InFlightPolicy policy) {
    return start(
        SimOptions.builder()
            .webSocketMode(WebSocketMode.V1)
            .inFlightPolicy(policy)
            .cost(modelLatency(FIRST_TOKEN, Duration.ZERO)));
  }

  @Test
  void stream_id_is_an_unknown_parameter() {
    SimSocket socket = connect(v1(InFlightPolicy.QUEUE));

    socket.send(create("echo", "hi").put("stream_id", "a").toString());
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "unknown_parameter", "stream_id");
    assertThat(error.has("stream_id")).as("v1 has no lanes to name").isFalse();

    JsonNode completed = assertStillServes(socket);
    assertThat(completed.has("stream_id")).isFalse();
  }

  @Test
  void with_queue_a_second_create_waits_for_the_first_to_finish() {
    SimSocket socket = connect(v1(InFlightPolicy.QUEUE));

    socket.send(create("echo", "first").toString());
    socket.until(ofType("response.in_progress"));
    socket.send(create("echo", "second").toString());
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 2);

    int firstCompleted = indexOf(frames, ofType("response.completed"));
    int secondCreated = indexOf(frames, ofType("response.created"));
    assertThat(secondCreated).isGreaterThan(firstCompleted);
    assertThat(outputText(frames.get(firstCompleted))).isEqualTo("echo: first");
    assertThat(type(frames.get(frames.size() - 1))).isEqualTo("response.completed");
    assertThat(outputText(frames.get(frames.size() - 1))).isEqualTo("echo: second");
  }

  @Test
  void with_reject_a_second_create_is_refused_and_the_first_still_completes() {
    SimServer sim = v1(InFlightPolicy.REJECT);
    SimSocket socket = connect(sim);

    socket.send(create("echo", "first").toString());
    String first = responseId(socket.next());
    socket.until(ofType("response.in_progress"));
    socket.send(create("echo", "second").toString());
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 2);

    JsonNode error = frames.stream().filter(ofType("error")).findFirst().orElseThrow();
    assertErrorFrame(error, 409, "response_already_in_flight", null);
    JsonNode completed = frames.get(indexOf(frames, ofType("response.completed")));
    assertThat(responseId(completed)).isEqualTo(first);
    assertThat(outputText(completed)).isEqualTo("echo: first");
    assertThat(frames).noneMatch(ofType("response.created"));

    // Once the first is over, the connection takes a create again.
    assertStillServes(socket);
  }

  private static String outputText(JsonNode terminal) {
    return terminal
        .path("response")
        .path("output")
        .get(0)
        .path("content")
        .get(0)
        .path("text")
        .asText();
  }
}
