package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static io.agentchannel.sim.HttpTestSupport.terminalResponse;
import static io.agentchannel.sim.HttpTestSupport.toolLoop;
import static io.agentchannel.sim.HttpTestSupport.toolOutput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.sim.testing.SseEvent;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same seed and the same requests give the same answers, ids and tool arguments included; only
 * wall-clock timestamps differ. Another seed gives other ids and arguments.
 */
class DeterminismTest {

  private static final Pattern ID = Pattern.compile("\"(?:id|call_id|item_id)\":\"([^\"]+)\"");

  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @Test
  void sameSeedSameTranscript() {
    List<String> first = transcript(7);
    List<String> second = transcript(7);

    assertThat(first).hasSizeGreaterThan(20);
    assertThat(second).containsExactlyElementsOf(first);
  }

  @Test
  void otherSeedOtherIdsAndArguments() {
    List<String> seven = transcript(7);
    List<String> eight = transcript(8);

    assertThat(eight).hasSameSizeAs(seven);
    assertThat(ids(eight)).doesNotContainAnyElementsOf(ids(seven));
    assertThat(arguments(eight)).isNotEqualTo(arguments(seven));
  }

  /**
   * Every event of a fixed sequence of turns on a fresh server, timestamps removed: a streamed
   * echo, a streamed tool loop chained over HTTP, a non-streamed answer and a WebSocket turn.
   */
  private static List<String> transcript(long seed) {
    List<String> events = new ArrayList<>();
    try (SimServer sim = SimServer.start(SimOptions.builder().seed(seed).build())) {
      SimHttp http = new SimHttp(sim);
      record(events, http.stream(create("echo", "same every time", true).toString()));

      List<SseEvent> turn = http.stream(toolLoop("[sim tool_calls=2] twice", true).toString());
      record(events, turn);
      for (int i = 0; i < 2; i++) {
        JsonNode response = terminalResponse(turn);
        JsonNode call = response.path("output").get(0);
        String output = "result of " + call.path("arguments").asText();
        turn = http.stream(toolOutput(response.path("id").asText(), call, output, true).toString());
        record(events, turn);
      }

      events.add(
          withoutTimestamps(json(http.post(create("echo", "json", false).toString()).body())));

      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        ObjectNode create = toolLoop("[sim tool_calls=1] over the socket", false);
        create.remove("stream");
        create.put("type", "response.create");
        socket.send(create.toString());
        socket.untilTerminal().forEach(frame -> events.add(withoutTimestamps(frame)));
      }
    }
    return events;
  }

  private static void record(List<String> events, List<SseEvent> sse) {
    for (SseEvent e : sse) {
      events.add(e.name() + " " + withoutTimestamps(e.json()));
    }
  }

  private static String withoutTimestamps(JsonNode node) {
    JsonNode copy = node.deepCopy();
    strip(copy);
    return copy.toString();
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove(List.of("created_at", "completed_at"));
    }
    for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
      strip(it.next());
    }
  }

  /** Every id the transcript names: responses, items and calls. */
  private static List<String> ids(List<String> transcript) {
    List<String> ids = new ArrayList<>();
    for (String line : transcript) {
      Matcher m =
          java.util.regex.Pattern.compile("\"(?:id|call_id|item_id)\":\"([^\"]+)\"").matcher(line);
      while (m.find()) {
        ids.add(m.group(1));
      }
    }
    assertThat(ids).isNotEmpty();
    return ids;
  }

  private static List<String> arguments(List<String> transcript) {
    return transcript.stream()
        .filter(line -> line.startsWith("response.function_call_arguments.done "))
        .toList();
  }
}
