package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.assertError;
import static io.agentchannel.sim.HttpTestSupport.assertServes;
import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static io.agentchannel.sim.HttpTestSupport.terminalResponse;
import static io.agentchannel.sim.HttpTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.sim.testing.SseEvent;
import io.agentchannel.sim.testing.SseReader;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Injected faults, by {@code x-sim-fault} header, by {@code metadata.sim_fault} and by seeded rate,
 * over HTTP (SSE) and WebSocket mode: what the client sees and what the server counts.
 */
class FaultInjectionTest {

  private static final String FAULT = "x-sim-fault";

  private static SimServer sim;
  private static SimHttp http;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    sim = SimServer.start(SimOptions.defaults());
    http = new SimHttp(sim);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    try {
      vertx.close().await();
    } finally {
      sim.close();
    }
  }

  private static String streamed(String text) {
    return create("echo", text, true).toString();
  }

  private static String withMetadataFault(String text, boolean stream, String directive) {
    ObjectNode body = create("echo", text, stream);
    body.putObject("metadata").put("sim_fault", directive);
    return body.toString();
  }

  private static String wsCreate(String text, String directive) {
    ObjectNode body = create("echo", text, false);
    body.remove("stream");
    body.put("type", "response.create");
    if (directive != null) {
      body.putObject("metadata").put("sim_fault", directive);
    }
    return body.toString();
  }

  private static SseReader open(String body, String... headers) {
    HttpResponse<InputStream> response = http.streamResponse(body, headers);
    assertThat(response.statusCode()).isEqualTo(200);
    return new SseReader(response.body());
  }

  private static long outcomes(String outcome) {
    return sim.stats().turnsByOutcome().getOrDefault(outcome, 0L);
  }

  /** Faults that refuse the request with an HTTP status. */
  @Nested
  class RefusedRequests {

    @Test
    void status429CarriesRetryAfterAndRateLimitHeaders() {
      HttpResponse<String> response = http.post(streamed("too many"), FAULT, "status:429:3");

      JsonNode error = assertError(response, 429);
      assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(response.headers().firstValue("retry-after")).hasValue("3");
      assertThat(response.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
      assertThat(response.headers().firstValue("x-ratelimit-reset-requests")).hasValue("3s");
      assertThat(response.headers().map().keySet())
          .filteredOn(name -> name.startsWith("x-ratelimit-"))
          .hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void status429ByMetadata() {
      HttpResponse<String> response =
          http.post(withMetadataFault("too many", false, "status:429:7"));

      assertThat(assertError(response, 429).path("code").asText()).isEqualTo("rate_limit_exceeded");
      assertThat(response.headers().firstValue("retry-after")).hasValue("7");
    }

    @Test
    void status500And503() {
      JsonNode e500 = assertError(http.post(streamed("boom"), FAULT, "status:500"), 500);
      assertThat(e500.path("type").asText()).isEqualTo("server_error");
      JsonNode e503 =
          assertError(http.post(withMetadataFault("overloaded", true, "status:503")), 503);
      assertThat(e503.path("type").asText()).isEqualTo("server_error");
      assertServes(http);
    }

    @Test
    void seededRateOfOneRefusesEveryRequest() {
      try (SimServer faulty =
          SimServer.start(SimOptions.builder().faultRate("status:500", 1.0).build())) {
        SimHttp client = new SimHttp(faulty);
        for (int i = 0; i < 3; i++) {
          assertError(client.post(create("echo", "again " + i, false).toString()), 500);
        }
        assertThat(faulty.stats().errors("server_error")).isEqualTo(3);
        // A request's own directive wins over the seeded draw.
        assertThat(client.post(streamed("x"), FAULT, "status:503").statusCode()).isEqualTo(503);
      }
    }

    @Test
    void previousResponseNotFoundDirective() {
      String id = okBody(http.post(create("echo", "stored", false).toString())).path("id").asText();
      ObjectNode next = create("echo", "continue", true);
      next.put("previous_response_id", id);

      JsonNode error =
          assertError(http.post(next.toString(), FAULT, "previous_response_not_found"), 400);
      assertThat(error.path("code").asText()).isEqualTo("previous_response_not_found");
      assertThat(error.path("param").asText()).isEqualTo("previous_response_id");
      assertThat(error.path("message").asText()).contains(id);
      // The response itself is still there: only this request was told otherwise.
      assertThat(http.get("/v1/responses/" + id).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidDirectiveIsA400NamingIt() {
      JsonNode byHeader = assertError(http.post(streamed("x"), FAULT, "explode:now"), 400);
      assertThat(byHeader.path("message").asText()).contains("explode:now");
      assertThat(byHeader.path("param").asText()).isEqualTo("x-sim-fault");

      JsonNode byMetadata =
          assertError(http.post(withMetadataFault("x", false, "close_after:soon")), 400);
      assertThat(byMetadata.path("message").asText()).contains("close_after:soon");
      assertThat(byMetadata.path("param").asText()).isEqualTo("metadata.sim_fault");
      assertServes(http);
    }
  }

  private static JsonNode okBody(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response.body());
  }

  /** Faults that strike mid-stream on an SSE body. */
  @Nested
  class OverSse {

    @Test
    void closeAfterEndsTheBodyAbnormallyAfterExactlyThatManyEvents() throws IOException {
      // A raw socket, because a client library may drop what it buffered once the body fails.
      RawChunkedBody body = RawChunkedBody.post(sim, streamed("cut me off"), "close_after:3");

      assertThat(body.status()).isEqualTo(200);
      assertThat(body.terminated()).as("no last chunk: the body ended abnormally").isFalse();
      List<SseEvent> events = SimHttp.readEvents(new ByteArrayInputStream(body.data()));
      assertThat(types(events))
          .containsExactly(
              "response.created", "response.in_progress", "response.output_item.added");
      assertServes(http);
    }

    @Test
    void closeAfterSeenByAnHttpClientIsAnErrorOrAPrematureEnd() {
      try (SseReader reader = open(streamed("cut me off"), FAULT, "close_after:3")) {
        int events = 0;
        SseReader.Item item;
        while (!(item = reader.next()).end()) {
          assertThat(SimSocket.isTerminal(item.event().json())).isFalse();
          events++;
        }
        assertThat(events).isLessThanOrEqualTo(3);
      }
    }

    @Test
    void stallAfterSendsNothingMoreAndTheTurnIsCancelledWhenTheClientLeaves() {
      long cancelled = outcomes(SimStats.OUTCOME_CANCELLED);
      try (SseReader reader = open(withMetadataFault("hold on", true, "stall_after:2"))) {
        assertThat(reader.nextEvent().type()).isEqualTo("response.created");
        assertThat(reader.nextEvent().type()).isEqualTo("response.in_progress");
        assertThat(reader.poll(500)).as("nothing after the stall").isNull();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> outcomes(SimStats.OUTCOME_CANCELLED) == cancelled + 1);
    }

    @Test
    void errorAfterEndsWithAFlatErrorEvent() {
      List<SseEvent> events = http.stream(streamed("then an error"), FAULT, "error_after:2");

      assertThat(types(events))
          .containsExactly("response.created", "response.in_progress", "error");
      SseEvent last = events.get(2);
      assertThat(last.name()).isEqualTo("error");
      JsonNode error = last.json();
      assertThat(error.path("code").asText()).isEqualTo("server_error");
      assertThat(error.path("message").asText()).isNotBlank();
      assertThat(error.has("param")).isTrue();
      assertThat(error.path("sequence_number").asLong()).isEqualTo(2);
      assertThat(error.has("error")).as("flat, not nested").isFalse();
    }

    @Test
    void failAfterEndsWithResponseFailed() {
      List<SseEvent> events = http.stream(withMetadataFault("then fail", true, "fail_after:2"));

      assertThat(types(events))
          .containsExactly("response.created", "response.in_progress", "response.failed");
      JsonNode response = terminalResponse(events);
      assertThat(response.path("status").asText()).isEqualTo("failed");
      assertThat(response.path("error").path("code").asText()).isEqualTo("server_error");
      assertThat(events.get(2).json().path("sequence_number").asLong()).isEqualTo(2);
    }

    @Test
    void malformedAfterSendsOneFrameThatIsNotJsonAndGoesOn() {
      List<SseEvent> events = http.stream(streamed("garbled"), FAULT, "malformed_after:1");

      assertThat(events.get(0).type()).isEqualTo("response.created");
      assertThatThrownBy(() -> events.get(1).json()).hasMessageContaining("not JSON");
      List<SseEvent> rest = events.subList(2, events.size());
      assertThat(rest.get(0).type()).isEqualTo("response.in_progress");
      assertThat(rest.get(rest.size() - 1).type()).isEqualTo("response.completed");
      assertThat(HttpTestSupport.deltaText(rest)).isEqualTo("echo: garbled");
    }

    @Test
    void oversizedAfterSendsOneHugeDelta() {
      List<SseEvent> events = http.stream(streamed("big"), FAULT, "oversized_after:1:2000000");

      SseEvent huge = events.get(1);
      assertThat(huge.name()).isEqualTo("response.output_text.delta");
      assertThat(huge.data().length()).isBetween(1_990_000, 2_010_000);
      assertThat(huge.json().path("delta").asText().length()).isGreaterThan(1_900_000);
      assertThat(events.get(events.size() - 1).type()).isEqualTo("response.completed");
    }
  }

  /** The same faults on a WebSocket-mode connection. */
  @Nested
  class OverWebSocket {

    @Test
    void statusFaultIsAnErrorFrameAndTheConnectionStaysUsable() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("too many", "status:429:3"));
        JsonNode frame = socket.next();
        assertThat(frame.path("type").asText()).isEqualTo("error");
        assertThat(frame.path("status").asInt()).isEqualTo(429);
        assertThat(frame.path("error").path("code").asText()).isEqualTo("rate_limit_exceeded");

        socket.send(wsCreate("and now?", null));
        assertThat(socket.untilTerminal())
            .last()
            .satisfies(f -> assertThat(f.path("type").asText()).isEqualTo("response.completed"));
      }
    }

    @Test
    void statusFaultOnTheUpgradeRefusesIt() {
      assertThatThrownBy(() -> SimSocket.connect(vertx, sim, FAULT, "status:503"))
          .hasRootCauseInstanceOf(UpgradeRejectedException.class)
          .rootCause()
          .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(503));
    }

    @Test
    void closeAfterDropsTheConnectionWithoutACloseFrame() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("cut me off", "close_after:3"));
        for (int i = 0; i < 3; i++) {
          assertThat(SimSocket.isTerminal(socket.next())).isFalse();
        }
        // No close frame: Vert.x reports the abnormal closure, 1006.
        assertThat(socket.awaitClose()).isEqualTo((short) 1006);
        assertThat(socket.frameWithin(0)).isFalse();
      }
    }

    @Test
    void stallAfterSendsNothingMoreAndTheTurnIsCancelledOnClose() {
      long cancelled = outcomes(SimStats.OUTCOME_CANCELLED);
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("hold on", "stall_after:2"));
        assertThat(socket.next().path("type").asText()).isEqualTo("response.created");
        assertThat(socket.next().path("type").asText()).isEqualTo("response.in_progress");
        assertThat(socket.frameWithin(500)).as("nothing after the stall").isFalse();
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> outcomes(SimStats.OUTCOME_CANCELLED) == cancelled + 1);
    }

    @Test
    void errorAfterSendsANestedErrorFrameWithStatus500() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("then an error", "error_after:2"));
        List<JsonNode> frames = socket.untilTerminal();

        assertThat(frames).hasSize(3);
        JsonNode error = frames.get(2);
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.path("status").asInt()).isEqualTo(500);
        assertThat(error.path("error").path("code").asText()).isEqualTo("server_error");
        assertThat(error.path("error").path("type").asText()).isEqualTo("server_error");
        assertThat(error.path("error").path("message").asText()).isNotBlank();

        socket.send(wsCreate("still there?", null));
        assertThat(socket.untilTerminal())
            .last()
            .satisfies(f -> assertThat(f.path("type").asText()).isEqualTo("response.completed"));
      }
    }

    @Test
    void failAfterEndsWithResponseFailed() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("then fail", "fail_after:2"));
        List<JsonNode> frames = socket.untilTerminal();

        assertThat(frames).hasSize(3);
        assertThat(frames.get(2).path("type").asText()).isEqualTo("response.failed");
        assertThat(frames.get(2).path("response").path("error").path("code").asText())
            .isEqualTo("server_error");
      }
    }

    @Test
    void wsCloseClosesWithThatCode() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("goodbye", "ws_close:1011:2"));
        socket.next();
        socket.next();
        assertThat(socket.awaitClose()).isEqualTo((short) 1011);
        assertThat(socket.frameWithin(0)).isFalse();
      }
    }

    @Test
    void wsClose1006DropsTheConnectionLikeANetworkFailure() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("vanish", "ws_close:1006:1"));
        assertThat(socket.next().path("type").asText()).isEqualTo("response.created");
        assertThat(socket.awaitClose()).isEqualTo((short) 1006);
        assertThat(socket.frameWithin(0)).isFalse();
      }
    }

    @Test
    void malformedAfterSendsOneFrameThatIsNotJsonAndGoesOn() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("garbled", "malformed_after:1"));
        assertThat(socket.next().path("type").asText()).isEqualTo("response.created");
        String raw = socket.nextRaw();
        assertThatThrownBy(() -> HttpTestSupport.JSON.readTree(raw))
            .isInstanceOf(JsonProcessingException.class);
        assertThat(socket.untilTerminal())
            .last()
            .satisfies(f -> assertThat(f.path("type").asText()).isEqualTo("response.completed"));
      }
    }

    @Test
    void oversizedAfterSendsOneHugeDeltaFrame() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("big", "oversized_after:1:2000000"));
        socket.next();
        String huge = socket.nextRaw();
        assertThat(huge.length()).isBetween(1_990_000, 2_010_000);
        assertThat(json(huge).path("type").asText()).isEqualTo("response.output_text.delta");
        assertThat(socket.untilTerminal())
            .last()
            .satisfies(f -> assertThat(f.path("type").asText()).isEqualTo("response.completed"));
      }
    }

    @Test
    void previousResponseNotFoundAndInvalidDirectives() {
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send(wsCreate("first", null));
        String id = socket.untilTerminal().get(0).path("response").path("id").asText();
        ObjectNode next = (ObjectNode) json(wsCreate("next", "previous_response_not_found"));
        next.put("previous_response_id", id);
        socket.send(next.toString());
        JsonNode notFound = socket.next();
        assertThat(notFound.path("status").asInt()).isEqualTo(400);
        assertThat(notFound.path("error").path("code").asText())
            .isEqualTo("previous_response_not_found");
        assertThat(notFound.path("error").path("param").asText()).isEqualTo("previous_response_id");

        socket.send(wsCreate("x", "stall_after"));
        JsonNode invalid = socket.next();
        assertThat(invalid.path("type").asText()).isEqualTo("error");
        assertThat(invalid.path("status").asInt()).isEqualTo(400);
        assertThat(invalid.path("error").path("message").asText()).contains("stall_after");
        assertThat(invalid.path("error").path("param").asText()).isEqualTo("metadata.sim_fault");
      }
    }
  }

  /**
   * One HTTP/1.1 exchange on a raw socket: the status, the de-chunked body bytes, and whether the
   * body ended with its last chunk or was cut short.
   */
  private record RawChunkedBody(int status, byte[] data, boolean terminated) {

    static RawChunkedBody post(SimServer server, String json, String fault) throws IOException {
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + FAULT
              + ": "
              + fault
              + "\r\nContent-Length: "
              + body.length
              + "\r\n\r\n";
      byte[] raw;
      try (Socket socket = new Socket(server.host(), server.port())) {
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        raw = readToEnd(socket.getInputStream());
      }
      int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      String headers = new String(raw, 0, headEnd, StandardCharsets.US_ASCII);
      int status = Integer.parseInt(headers.substring(9, 12));
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      int at = headEnd + 4;
      while (true) {
        int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, at);
        if (lineEnd < 0) {
          return new RawChunkedBody(status, data.toByteArray(), false);
        }
        int size =
            Integer.parseInt(new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII), 16);
        if (size == 0) {
          return new RawChunkedBody(status, data.toByteArray(), true);
        }
        int start = lineEnd + 2;
        int end = Math.min(raw.length, start + size);
        data.write(raw, start, end - start);
        if (start + size + 2 > raw.length) {
          return new RawChunkedBody(status, data.toByteArray(), false);
        }
        at = start + size + 2;
      }
    }

    /** Everything until the server closes the connection; a reset counts as the end too. */
    private static byte[] readToEnd(InputStream in) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          all.write(buffer, 0, n);
        }
      } catch (IOException e) {
        // The connection was reset: what arrived before is the answer.
      }
      return all.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
      outer:
      for (int i = from; i <= haystack.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
