package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.sim.internal.engine.Tokens;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The main path of WebSocket mode over a real socket: a tool loop chained through the connection
 * cache, the warm-up, and what closing the socket does to a turn in flight.
 */
class WebSocketModeTest extends WebSocketTestSupport {

  private static final WireCodec CODEC = WireCodec.shared();

  private static final String TOOLS =
      "[{\"type\":\"function\",\"name\":\"lookup\",\"description\":\"Looks a word up.\","
          + "\"parameters\":{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}}}}]";

  @Test
  void tool_loop_over_one_socket_with_store_false() throws Exception {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    JsonNode tools = JSON.readTree(TOOLS);

    ObjectNode first = create("tool-loop", "Look up 'socket'. [sim tool_calls=1]");
    first.put("store", false);
    first.set("tools", tools);
    socket.send(first.toString());
    List<JsonNode> turn1 = socket.untilTerminal();

    int deltas =
        (int) turn1.stream().filter(ofType("response.function_call_arguments.delta")).count();
    assertThat(deltas).isPositive();
    List<String> expected1 = new ArrayList<>();
    expected1.add("response.created");
    expected1.add("response.in_progress");
    expected1.add("response.output_item.added");
    expected1.addAll(Collections.nCopies(deltas, "response.function_call_arguments.delta"));
    expected1.add("response.function_call_arguments.done");
    expected1.add("response.output_item.done");
    expected1.add("response.completed");
    assertThat(types(turn1)).containsExactlyElementsOf(expected1);
    assertSequenceFromZero(turn1);
    assertThat(turn1).allSatisfy(f -> assertThat(f.has("stream_id")).isFalse());

    String id1 = responseId(turn1.get(0));
    assertThat(id1).startsWith("resp_");
    for (JsonNode f : List.of(turn1.get(0), turn1.get(1))) {
      JsonNode r = f.path("response");
      assertThat(r.path("id").asText()).isEqualTo(id1);
      assertThat(r.path("object").asText()).isEqualTo("response");
      assertThat(r.path("status").asText()).isEqualTo("in_progress");
      assertThat(r.path("model").asText()).isEqualTo("tool-loop");
      assertThat(r.path("store").asBoolean(true)).isFalse();
      assertThat(r.path("output").size()).isZero();
      assertThat(r.path("tools")).isEqualTo(tools);
      assertThat(r.path("previous_response_id").textValue()).isNull();
    }

    JsonNode added = turn1.get(2).path("item");
    assertThat(turn1.get(2).path("output_index").asInt()).isZero();
    assertThat(added.path("type").asText()).isEqualTo("function_call");
    assertThat(added.path("name").asText()).isEqualTo("lookup");
    assertThat(added.path("arguments").asText()).isEmpty();
    assertThat(added.path("status").asText()).isEqualTo("in_progress");
    String itemId = added.path("id").asText();
    String callId = added.path("call_id").asText();
    assertThat(callId).isNotEmpty();

    StringBuilder arguments = new StringBuilder();
    for (JsonNode delta : turn1.subList(3, 3 + deltas)) {
      assertThat(delta.path("item_id").asText()).isEqualTo(itemId);
      assertThat(delta.path("output_index").asInt()).isZero();
      arguments.append(delta.path("delta").asText());
    }
    JsonNode argumentsDone = turn1.get(3 + deltas);
    assertThat(argumentsDone.path("item_id").asText()).isEqualTo(itemId);
    assertThat(argumentsDone.path("arguments").asText()).isEqualTo(arguments.toString());
    JsonNode parsedArguments = JSON.readTree(arguments.toString());
    assertThat(parsedArguments.path("step").asInt()).isEqualTo(1);
    assertThat(parsedArguments.path("of").asInt()).isEqualTo(1);

    JsonNode call = turn1.get(4 + deltas).path("item");
    assertThat(call.path("id").asText()).isEqualTo(itemId);
    assertThat(call.path("call_id").asText()).isEqualTo(callId);
    assertThat(call.path("arguments").asText()).isEqualTo(arguments.toString());
    assertThat(call.path("status").asText()).isEqualTo("completed");

    JsonNode completed1 = turn1.get(turn1.size() - 1).path("response");
    assertThat(completed1.path("id").asText()).isEqualTo(id1);
    assertThat(completed1.path("status").asText()).isEqualTo("completed");
    assertThat(completed1.path("output")).hasSize(1);
    assertThat(completed1.path("output").get(0)).isEqualTo(call);

    List<Tool> toolList = CODEC.readCreateFrame(first.toString()).tools();
    Item user = CODEC.readCreateFrame(first.toString()).input().get(0);
    Item callItem = CODEC.readItem(call.toString());
    assertUsage(completed1, Tokens.ofTools(toolList) + Tokens.of(user), 0);

    ObjectNode output = functionCallOutput(callId, "socket: a hollow into which something fits");
    ObjectNode second = continuation("tool-loop", id1, output);
    second.put("store", false);
    second.set("tools", tools);
    socket.send(second.toString());
    List<JsonNode> turn2 = socket.untilTerminal();

    int textDeltas = (int) turn2.stream().filter(ofType("response.output_text.delta")).count();
    List<String> expected2 = new ArrayList<>();
    expected2.add("response.created");
    expected2.add("response.in_progress");
    expected2.add("response.output_item.added");
    expected2.add("response.content_part.added");
    expected2.addAll(Collections.nCopies(textDeltas, "response.output_text.delta"));
    expected2.add("response.output_text.done");
    expected2.add("response.content_part.done");
    expected2.add("response.output_item.done");
    expected2.add("response.completed");
    assertThat(textDeltas).isPositive();
    assertThat(types(turn2)).containsExactlyElementsOf(expected2);
    assertSequenceFromZero(turn2);

    String id2 = responseId(turn2.get(0));
    assertThat(id2).isNotEqualTo(id1);
    for (JsonNode f : List.of(turn2.get(0), turn2.get(1), turn2.get(turn2.size() - 1))) {
      assertThat(f.path("response").path("id").asText()).isEqualTo(id2);
      assertThat(f.path("response").path("previous_response_id").asText()).isEqualTo(id1);
    }

    Item outputItem = CODEC.readItem(output.toString());
    String answer = ToolLoopDigest.answer(List.of(outputItem));
    StringBuilder text = new StringBuilder();
    turn2.stream()
        .filter(ofType("response.output_text.delta"))
        .forEach(d -> text.append(d.path("delta").asText()));
    assertThat(text.toString()).isEqualTo(answer);
    assertThat(turn2.get(turn2.size() - 4).path("text").asText()).isEqualTo(answer);
    JsonNode completed2 = turn2.get(turn2.size() - 1).path("response");
    assertThat(completed2.path("status").asText()).isEqualTo("completed");
    assertThat(completed2.path("output")).hasSize(1);
    JsonNode message = completed2.path("output").get(0);
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("role").asText()).isEqualTo("assistant");
    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo(answer);

    long history = Tokens.ofItems(List.of(user, callItem));
    assertThat(history).isPositive();
    assertUsage(completed2, Tokens.ofTools(toolList) + history + Tokens.of(outputItem), history);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              SimStats stats = sim.stats();
              assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(2);
              assertThat(stats.cacheHits()).isEqualTo(1);
              assertThat(stats.cacheMisses()).isZero();
              assertThat(stats.rehydrations()).isZero();
            });
  }

  /** The whole context is input; what the cache held is cached; the total adds up. */
  private static void assertUsage(JsonNode response, long inputTokens, long cachedTokens) {
    JsonNode usage = response.path("usage");
    assertThat(usage.path("input_tokens").asLong()).isEqualTo(inputTokens);
    assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong())
        .isEqualTo(cachedTokens);
    assertThat(usage.path("output_tokens").asLong()).isPositive();
    assertThat(usage.path("total_tokens").asLong())
        .isEqualTo(usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong());
  }

  @Test
  void warm_up_answers_with_an_empty_response_that_the_next_turn_chains_from() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);

    ObjectNode warmUp = JSON.createObjectNode();
    warmUp.put("type", "response.create");
    warmUp.put("model", "echo");
    warmUp.put("store", false);
    warmUp.put("generate", false);
    warmUp.put("instructions", "Answer briefly.");
    warmUp.putArray("input");
    socket.send(warmUp.toString());
    List<JsonNode> frames = socket.untilTerminal();

    assertThat(types(frames))
        .containsExactly("response.created", "response.in_progress", "response.completed");
    assertSequenceFromZero(frames);
    JsonNode warm = frames.get(2).path("response");
    String warmId = warm.path("id").asText();
    assertThat(warmId).isEqualTo(responseId(frames.get(0)));
    assertThat(warm.path("status").asText()).isEqualTo("completed");
    assertThat(warm.path("output").size()).isZero();

    ObjectNode next = continuation("echo", warmId, userMessage("hello"));
    next.put("store", false);
    socket.send(next.toString());
    List<JsonNode> turn = socket.untilTerminal();

    JsonNode completed = turn.get(turn.size() - 1).path("response");
    assertThat(type(turn.get(turn.size() - 1))).isEqualTo("response.completed");
    assertThat(completed.path("previous_response_id").asText()).isEqualTo(warmId);
    assertThat(completed.path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo("echo: hello");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(sim.stats().cacheHits()).isEqualTo(1));
  }

  @Test
  void closing_the_socket_mid_response_cancels_the_turn() {
    SimServer sim =
        start(SimOptions.builder().cost(modelLatency(Duration.ZERO, Duration.ofMillis(5))));
    SimSocket socket = connect(sim);

    socket.send(create("echo", "a long answer [sim answer_tokens=200]").toString());
    socket.until(ofType("response.output_text.delta"));
    socket.close();

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              SimStats stats = sim.stats();
              assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_CANCELLED)).isEqualTo(1);
              assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_COMPLETED)).isZero();
              assertThat(stats.connectionsActive()).isZero();
              assertThat(stats.connectionsOpened()).as("an upgrade counts once").isEqualTo(1);
            });
  }
}
