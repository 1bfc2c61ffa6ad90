package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimSocket;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the WebSocket-mode tests share: one client Vert.x per test class, servers and sockets closed
 * after each test, and builders and checks for frames. Every server is real and listens on an
 * ephemeral loopback port.
 */
abstract class WebSocketTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  static Vertx vertx;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void startClientVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void closeClientVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeEverything() throws Exception {
    // Sockets before servers, newest first, so that no server waits for a client to go away.
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    cleanup.clear();
  }

  SimServer start(SimOptions.Builder options) {
    SimServer server = SimServer.start(options.build());
    cleanup.add(server);
    return server;
  }

  SimSocket connect(SimServer server, String... headers) {
    SimSocket socket = SimSocket.connect(vertx, server, headers);
    cleanup.add(socket);
    return socket;
  }

  // ---- client frames ----

  /** A {@code response.create} frame with one user message. */
  static ObjectNode create(String model, String userText) {
    ObjectNode frame = JSON.createObjectNode();
    frame.put("type", "response.create");
    frame.put("model", model);
    frame.putArray("input").add(userMessage(userText));
    return frame;
  }

  static ObjectNode userMessage(String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "message");
    message.put("role", "user");
    ObjectNode part = message.putArray("content").addObject();
    part.put("type", "input_text");
    part.put("text", text);
    return message;
  }

  static ObjectNode functionCallOutput(String callId, String output) {
    ObjectNode item = JSON.createObjectNode();
    item.put("type", "function_call_output");
    item.put("call_id", callId);
    item.put("output", output);
    return item;
  }

  /** A continuation of {@code previousId} whose input is {@code items}. */
  static ObjectNode continuation(String model, String previousId, JsonNode... items) {
    ObjectNode frame = JSON.createObjectNode();
    frame.put("type", "response.create");
    frame.put("model", model);
    frame.put("previous_response_id", previousId);
    ArrayNode input = frame.putArray("input");
    for (JsonNode item : items) {
      input.add(item);
    }
    return frame;
  }

  // ---- server frames ----

  static String type(JsonNode frame) {
    return frame.path("type").asText();
  }

  static List<String> types(List<JsonNode> frames) {
    return frames.stream().map(WebSocketTestSupport::type).toList();
  }

  static String responseId(JsonNode frame) {
    return frame.path("response").path("id").asText();
  }

  static Predicate<JsonNode> ofType(String type) {
    return frame -> type(frame).equals(type);
  }

  /** The index of the first frame matching {@code p}, failing when there is none. */
  static int indexOf(List<JsonNode> frames, Predicate<JsonNode> p) {
    for (int i = 0; i < frames.size(); i++) {
      if (p.test(frames.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such frame among " + types(frames));
  }

  static Predicate<JsonNode> onLane(String streamId, String type) {
    return frame -> type(frame).equals(type) && streamId.equals(frame.path("stream_id").asText());
  }

  /** Reads frames until {@code count} of them have matched {@code p}; returns all read. */
  static List<JsonNode> readUntil(SimSocket socket, Predicate<JsonNode> p, int count) {
    List<JsonNode> frames = new ArrayList<>();
    int seen = 0;
    while (seen < count) {
      JsonNode frame = socket.next();
      frames.add(frame);
      if (p.test(frame)) {
        seen++;
      }
    }
    return frames;
  }

  static void assertSequenceFromZero(List<JsonNode> oneResponse) {
    for (int i = 0; i < oneResponse.size(); i++) {
      assertThat(oneResponse.get(i).path("sequence_number").asLong())
          .as("sequence_number of %s", type(oneResponse.get(i)))
          .isEqualTo(i);
    }
  }

  /** Checks an error frame: {@code {"type":"error","status":…,"error":{…}}}. */
  static void assertErrorFrame(JsonNode frame, int status, String code, String param) {
    assertThat(type(frame)).as("frame %s", frame).isEqualTo("error");
    assertThat(frame.path("status").asInt()).as("status of %s", frame).isEqualTo(status);
    JsonNode error = frame.path("error");
    assertThat(error.path("type").asText()).isNotEmpty();
    assertThat(error.path("message").asText()).isNotEmpty();
    assertThat(error.path("code").textValue()).as("code of %s", frame).isEqualTo(code);
    assertThat(error.path("param").textValue()).as("param of %s", frame).isEqualTo(param);
    List<String> keys = new ArrayList<>();
    error.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).as("keys of %s", frame).isSubsetOf("type", "code", "message", "param");
  }

  /** The next create on {@code socket} still completes: the connection survived. */
  static JsonNode assertStillServes(SimSocket socket) {
    socket.send(create("echo", "still there?").toString());
    List<JsonNode> frames = socket.untilTerminal();
    JsonNode last = frames.get(frames.size() - 1);
    assertThat(type(last)).as("frames %s", types(frames)).isEqualTo("response.completed");
    return last;
  }

  // ---- server settings ----

  /** Only model latency: {@code timeToFirstToken} before the output, {@code gap} per token. */
  static CostProfile modelLatency(Duration timeToFirstToken, Duration gap) {
    return new CostProfile(
        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, timeToFirstToken, gap, 0);
  }

  /** The HTTP status that refused a WebSocket upgrade, found in the connect failure's causes. */
  static int upgradeStatus(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UpgradeRejectedException) {
        return ((UpgradeRejectedException) t).getStatus();
      }
    }
    throw new AssertionError("the upgrade was not rejected with a status", failure);
  }
}
