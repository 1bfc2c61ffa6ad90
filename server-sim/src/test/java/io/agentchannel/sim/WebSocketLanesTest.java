package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimSocket;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Version 2 lanes: {@code stream_id} on every event of a named lane and on none of the default
 * lane, FIFO per lane, forks across lanes, at most 32 named lanes and 16 responses in flight.
 * Orders are asserted, never durations: the model latencies only make the overlaps certain.
 */
class WebSocketLanesTest extends WebSocketTestSupport {

  @Test
  void two_lanes_interleave_and_every_event_names_its_lane() {
    SimServer sim =
        start(SimOptions.builder().cost(modelLatency(Duration.ZERO, Duration.ofMillis(5))));
    SimSocket socket = connect(sim);

    socket.send(onLane(create("echo", "alpha [sim answer_tokens=20]"), "a").toString());
    socket.send(onLane(create("echo", "beta [sim answer_tokens=20]"), "b").toString());
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 2);

    assertThat(frames).allSatisfy(f -> assertThat(f.path("stream_id").asText()).isIn("a", "b"));
    for (String lane : List.of("a", "b")) {
      List<JsonNode> own =
          frames.stream().filter(f -> f.path("stream_id").asText().equals(lane)).toList();
      assertThat(type(own.get(0))).isEqualTo("response.created");
      assertThat(type(own.get(own.size() - 1))).isEqualTo("response.completed");
      assertSequenceFromZero(own);
    }
    // Each lane streamed text while the other was streaming.
    String delta = "response.output_text.delta";
    assertThat(indexOf(frames, onLane("b", delta)))
        .isLessThan(lastIndexOf(frames, onLane("a", delta)));
    assertThat(indexOf(frames, onLane("a", delta)))
        .isLessThan(lastIndexOf(frames, onLane("b", delta)));

    socket.send(create("echo", "default lane").toString());
    List<JsonNode> plain = socket.untilTerminal();
    assertThat(type(plain.get(plain.size() - 1))).isEqualTo("response.completed");
    assertThat(plain).allSatisfy(f -> assertThat(f.has("stream_id")).isFalse());
  }

  @Test
  void one_lane_runs_its_creates_in_order() {
    SimServer sim =
        start(SimOptions.builder().cost(modelLatency(Duration.ofMillis(100), Duration.ZERO)));
    SimSocket socket = connect(sim);

    socket.send(onLane(create("echo", "first"), "a").toString());
    socket.send(onLane(create("echo", "second"), "a").toString());
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 2);

    assertThat(types(frames).stream().filter("response.created"::equals)).hasSize(2);
    int firstTerminal = indexOf(frames, SimSocket::isTerminal);
    int secondCreated = lastIndexOf(frames, ofType("response.created"));
    assertThat(secondCreated).isGreaterThan(firstTerminal);
    assertThat(textOf(frames.get(firstTerminal))).isEqualTo("echo: first");
    assertThat(textOf(frames.get(frames.size() - 1))).isEqualTo("echo: second");
  }

  @Test
  void a_lane_forks_from_the_cached_response_of_another_lane() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);

    socket.send(onLane(create("echo", "root"), "a").put("store", false).toString());
    String root = responseId(last(socket.untilTerminal()));

    ObjectNode fork = onLane(continuation("echo", root, userMessage("fork")), "b");
    socket.send(fork.put("store", false).toString());
    JsonNode forked = last(socket.untilTerminal());
    assertThat(type(forked)).isEqualTo("response.completed");
    assertThat(forked.path("stream_id").asText()).isEqualTo("b");
    assertThat(forked.path("response").path("previous_response_id").asText()).isEqualTo(root);
    assertThat(textOf(forked)).isEqualTo("echo: fork");

    // The fork left lane a's cache alone.
    ObjectNode own = onLane(continuation("echo", root, userMessage("own")), "a");
    socket.send(own.put("store", false).toString());
    assertThat(textOf(last(socket.untilTerminal()))).isEqualTo("echo: own");

    // An error on a named lane names the lane too.
    ObjectNode unknown = onLane(continuation("echo", "resp_unknown", userMessage("x")), "c");
    socket.send(unknown.toString());
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "previous_response_not_found", "previous_response_id");
    assertThat(error.path("stream_id").asText()).isEqualTo("c");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(sim.stats().cacheHits()).isEqualTo(2));
  }

  @Test
  void the_thirty_third_named_lane_is_refused() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    for (int i = 0; i < 32; i++) {
      socket.send(onLane(create("echo", "lane " + i), "lane-" + i).toString());
    }
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 32);
    assertThat(frames.stream().filter(ofType("response.completed"))).hasSize(32);

    socket.send(onLane(create("echo", "one too many"), "lane-32").toString());
    JsonNode error = socket.next();
    assertErrorFrame(error, 400, "websocket_stream_limit_reached", "stream_id");
    assertThat(error.path("stream_id").asText()).isEqualTo("lane-32");

    // The lanes it already has stay usable, and so does the default lane.
    socket.send(onLane(create("echo", "again"), "lane-0").toString());
    assertThat(type(last(socket.untilTerminal()))).isEqualTo("response.completed");
    assertStillServes(socket);
  }

  @Test
  void invalid_stream_ids_are_refused() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    for (String invalid : List.of("", "x".repeat(257), "a b", "lane/1")) {
      socket.send(onLane(create("echo", "hi"), invalid).toString());
      JsonNode error = socket.next();
      assertErrorFrame(error, 400, "invalid_stream_id", "stream_id");
      assertThat(error.has("stream_id")).as("an invalid id is not echoed").isFalse();
    }

    String longest = "A-z_0.9" + "x".repeat(249);
    socket.send(onLane(create("echo", "hi"), longest).toString());
    JsonNode completed = last(socket.untilTerminal());
    assertThat(type(completed)).isEqualTo("response.completed");
    assertThat(completed.path("stream_id").asText()).isEqualTo(longest);
  }

  @Test
  void at_most_sixteen_responses_are_in_flight_and_the_rest_wait_for_a_slot() {
    SimServer sim =
        start(SimOptions.builder().cost(modelLatency(Duration.ofMillis(300), Duration.ZERO)));
    SimSocket socket = connect(sim);
    for (int i = 1; i <= 17; i++) {
      socket.send(onLane(create("echo", "lane " + i), "s" + i).toString());
    }
    List<JsonNode> frames = readUntil(socket, SimSocket::isTerminal, 17);

    assertThat(frames.stream().filter(ofType("response.completed"))).hasSize(17);
    int firstCompleted = indexOf(frames, ofType("response.completed"));
    long startedBefore =
        frames.subList(0, firstCompleted).stream().filter(ofType("response.created")).count();
    assertThat(startedBefore).isLessThanOrEqualTo(16);
    assertThat(indexOf(frames, onLane("s17", "response.created"))).isGreaterThan(firstCompleted);
  }

  private static ObjectNode onLane(ObjectNode frame, String streamId) {
    return frame.put("stream_id", streamId);
  }

  private static int lastIndexOf(List<JsonNode> frames, Predicate<JsonNode> p) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      if (p.test(frames.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such frame among " + types(frames));
  }

  private static JsonNode last(List<JsonNode> frames) {
    return frames.get(frames.size() - 1);
  }

  /** The text of the first output message of a terminal frame's response. */
  private static String textOf(JsonNode terminal) {
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
