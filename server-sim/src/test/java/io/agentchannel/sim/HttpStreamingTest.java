package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.RESPONSE_KEYS;
import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.deltaText;
import static io.agentchannel.sim.HttpTestSupport.json;
import static io.agentchannel.sim.HttpTestSupport.terminalResponse;
import static io.agentchannel.sim.HttpTestSupport.toolLoop;
import static io.agentchannel.sim.HttpTestSupport.toolOutput;
import static io.agentchannel.sim.HttpTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SseEvent;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses} with {@code stream:true}: the SSE body, event by event. */
class HttpStreamingTest extends SharedServerHttpTest {

  @Test
  void textAnswerStreamsTheServicesEventsInOrder() throws IOException {
    HttpResponse<InputStream> response =
        http.streamResponse(create("echo", "hello there, simulated world", true).toString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    String body;
    try (InputStream in = response.body()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(body).doesNotContain("[DONE]");
    List<SseEvent> events =
        SimHttp.readEvents(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));

    List<String> expected = new ArrayList<>();
    expected.add("response.created");
    expected.add("response.in_progress");
    expected.add("response.output_item.added");
    expected.add("response.content_part.added");
    long deltas = types(events).stream().filter("response.output_text.delta"::equals).count();
    assertThat(deltas).isPositive();
    expected.addAll(Collections.nCopies((int) deltas, "response.output_text.delta"));
    expected.add("response.output_text.done");
    expected.add("response.content_part.done");
    expected.add("response.output_item.done");
    expected.add("response.completed");
    assertThat(types(events)).containsExactlyElementsOf(expected);

    for (int i = 0; i < events.size(); i++) {
      SseEvent e = events.get(i);
      assertThat(e.name()).as("event: line of #" + i).isEqualTo(e.type());
      assertThat(e.json().path("sequence_number").isIntegralNumber()).isTrue();
      assertThat(e.json().path("sequence_number").asLong()).as("sequence of #" + i).isEqualTo(i);
    }

    String text = deltaText(events);
    assertThat(text).isEqualTo("echo: hello there, simulated world");
    assertThat(events.get(events.size() - 4).json().path("text").asText()).isEqualTo(text);

    String id = events.get(0).json().path("response").path("id").asText();
    assertThat(id).startsWith("resp_");
    for (int i : new int[] {0, 1, events.size() - 1}) {
      JsonNode r = events.get(i).json().path("response");
      for (String key : RESPONSE_KEYS) {
        assertThat(r.has(key)).as(key + " in " + events.get(i).type()).isTrue();
      }
      assertThat(r.path("id").asText()).isEqualTo(id);
      assertThat(r.path("object").asText()).isEqualTo("response");
      assertThat(r.path("model").asText()).isEqualTo("echo");
    }
    assertThat(events.get(0).json().path("response").path("status").asText())
        .isEqualTo("in_progress");
    assertThat(events.get(0).json().path("response").path("output").size()).isZero();

    JsonNode done = terminalResponse(events);
    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("error").isNull()).isTrue();
    assertThat(done.path("incomplete_details").isNull()).isTrue();
    JsonNode message = done.path("output").get(0);
    assertThat(message.path("type").asText()).isEqualTo("message");
    assertThat(message.path("role").asText()).isEqualTo("assistant");
    assertThat(message.path("content").get(0).path("text").asText()).isEqualTo(text);
    assertThat(message.path("id").asText())
        .isEqualTo(events.get(2).json().path("item").path("id").asText());

    JsonNode usage = done.path("usage");
    long input = usage.path("input_tokens").asLong();
    long output = usage.path("output_tokens").asLong();
    assertThat(input).isPositive();
    assertThat(output).isEqualTo(deltas);
    assertThat(usage.path("total_tokens").asLong()).isEqualTo(input + output);
    assertThat(usage.path("input_tokens_details").path("cached_tokens").asLong()).isZero();
    assertThat(usage.path("output_tokens_details").path("reasoning_tokens").asLong()).isZero();
  }

  @Test
  void functionCallStreamsItsArgumentsWithoutContentParts() {
    List<SseEvent> events = http.stream(toolLoop("[sim tool_calls=1] look it up", true).toString());

    List<String> types = types(events);
    assertThat(types).doesNotContain("response.content_part.added", "response.content_part.done");
    assertThat(types.subList(0, 3))
        .containsExactly("response.created", "response.in_progress", "response.output_item.added");
    assertThat(types.subList(types.size() - 3, types.size()))
        .containsExactly(
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    assertThat(types.subList(3, types.size() - 3))
        .isNotEmpty()
        .allMatch("response.function_call_arguments.delta"::equals);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).name()).isEqualTo(events.get(i).type());
      assertThat(events.get(i).json().path("sequence_number").asLong()).isEqualTo(i);
    }

    JsonNode added = events.get(2).json().path("item");
    assertThat(added.path("type").asText()).isEqualTo("function_call");
    assertThat(added.path("arguments").asText()).isEmpty();
    assertThat(added.path("name").asText()).isEqualTo("lookup");

    StringBuilder arguments = new StringBuilder();
    for (SseEvent e : events) {
      if (e.type().equals("response.function_call_arguments.delta")) {
        assertThat(e.json().path("item_id").asText()).isEqualTo(added.path("id").asText());
        arguments.append(e.json().path("delta").asText());
      }
    }
    String doneArguments = events.get(events.size() - 3).json().path("arguments").asText();
    assertThat(arguments.toString()).isEqualTo(doneArguments);
    assertThat(json(doneArguments).path("step").asInt()).isEqualTo(1);
    assertThat(json(doneArguments).path("of").asInt()).isEqualTo(1);

    JsonNode call = terminalResponse(events).path("output").get(0);
    assertThat(call.path("type").asText()).isEqualTo("function_call");
    assertThat(call.path("arguments").asText()).isEqualTo(doneArguments);
    assertThat(call.path("call_id").asText()).isEqualTo(added.path("call_id").asText());
    assertThat(call.path("status").asText()).isEqualTo("completed");
  }

  @Test
  void toolLoopOverHttpChainsThroughTheStoreUntilTheDigestAnswer() {
    ObjectNode first = toolLoop("[sim tool_calls=3] gather three facts", true);
    first.put("store", true);
    List<SseEvent> events = http.stream(first.toString());
    List<FunctionCallOutputItem> sent = new ArrayList<>();
    for (int turn = 0; turn < 3; turn++) {
      JsonNode response = terminalResponse(events);
      assertThat(response.path("status").asText()).isEqualTo("completed");
      JsonNode call = response.path("output").get(0);
      assertThat(call.path("type").asText()).as("turn " + turn).isEqualTo("function_call");
      assertThat(json(call.path("arguments").asText()).path("step").asInt()).isEqualTo(turn + 1);
      String output = "fact #" + (turn + 1) + " for " + call.path("call_id").asText();
      sent.add(FunctionCallOutputItem.of(call.path("call_id").asText(), output));
      ObjectNode next = toolOutput(response.path("id").asText(), call, output, true);
      next.put("store", true);
      events = http.stream(next.toString());
      assertThat(terminalResponse(events).path("previous_response_id").asText())
          .isEqualTo(response.path("id").asText());
    }
    JsonNode last = terminalResponse(events);
    assertThat(last.path("status").asText()).isEqualTo("completed");
    assertThat(last.path("output").get(0).path("type").asText()).isEqualTo("message");
    assertThat(deltaText(events)).isEqualTo(ToolLoopDigest.answer(sent));
    assertThat(last.path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo(ToolLoopDigest.answer(sent));
  }

  @Test
  void maxOutputTokensEndsTheResponseIncomplete() {
    ObjectNode body = create("echo", "[sim answer_tokens=40] go on and on", true);
    body.put("max_output_tokens", 16);
    List<SseEvent> events = http.stream(body.toString());

    List<String> types = types(events);
    assertThat(types.get(types.size() - 1)).isEqualTo("response.incomplete");
    assertThat(types).doesNotContain("response.completed");
    assertThat(types.stream().filter("response.output_text.delta"::equals).count()).isEqualTo(16);
    JsonNode response = terminalResponse(events);
    assertThat(response.path("status").asText()).isEqualTo("incomplete");
    assertThat(response.path("incomplete_details").path("reason").asText())
        .isEqualTo("max_output_tokens");
    assertThat(response.path("usage").path("output_tokens").asLong()).isEqualTo(16);
    assertThat(response.path("max_output_tokens").asInt()).isEqualTo(16);
  }
}
