package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.AgentChannel;
import io.agentchannel.ResponseStream;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSubscriber;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RULES.md area 2: event stream order and content. */
abstract class StreamRules extends ConnectionRules {

  /** Multi-byte UTF-8 of every length, so a split inside a character shows. */
  static final String UNICODE = "héllo wörld ✓ 日本語 🚀 ";

  /** Streams {@code request} to a recording subscriber with unbounded demand and waits for it. */
  final RecordingSubscriber stream(AgentChannel channel, CreateRequest request, String rule)
      throws Exception {
    RecordingSubscriber subscriber = RecordingSubscriber.unbounded();
    ResponseStream stream = channel.create(request);
    stream.subscribe(subscriber);
    awaitTermination(subscriber, rule);
    return subscriber;
  }

  @Test
  public void ac_2_1_the_first_event_is_response_created_and_ids_agree() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s = stream(f.channel(), echo("ids").build(), "AC-2.1");
      assertThat(s.completed()).as("AC-2.1: the stream completed; saw %s", s.describe()).isTrue();
      assertThat(s.events.get(0))
          .as("AC-2.1: the first event must be response.created; saw %s", s.describe())
          .isInstanceOf(ServerEvent.ResponseCreated.class);
      String id = ((ServerEvent.ResponseCreated) s.events.get(0)).response().id();
      assertThat(id).as("AC-2.1: response.created carries the response id").isNotBlank();
      for (int i = 0; i < s.events.size(); i++) {
        if (s.events.get(i) instanceof ServerEvent.Lifecycle lifecycle) {
          assertThat(lifecycle.response().id())
              .as(
                  "AC-2.1: event %s names another response than response.created (%s)",
                  Describe.event(i, s.events.get(i)), id)
              .isEqualTo(id);
        }
      }
    }
  }

  @Test
  public void ac_2_2_text_deltas_reassemble_exactly() throws Exception {
    String message = UNICODE.repeat(40);
    try (Fixture f = fixture()) {
      RecordingSubscriber s = stream(f.channel(), echo(message).build(), "AC-2.2");
      StringBuilder deltas = new StringBuilder();
      String done = null;
      for (ServerEvent e : s.events) {
        if (e instanceof ServerEvent.OutputTextDelta delta) {
          deltas.append(delta.delta());
        } else if (e instanceof ServerEvent.OutputTextDone textDone) {
          done = textDone.text();
        }
      }
      String expected = "echo: " + message;
      assertThat(deltas.toString())
          .as(
              "AC-2.2: the output_text deltas joined, against what the server sent; check"
                  + " UTF-8 decoding across chunk/frame boundaries and that no delta is lost or"
                  + " repeated")
          .isEqualTo(expected);
      assertThat(done).as("AC-2.2: response.output_text.done text").isEqualTo(expected);
      Response response = responseOf(CompletedResponse.of(s), "AC-2.2");
      assertThat(response.outputText()).as("AC-2.2: the final response's text").isEqualTo(expected);
    }
  }

  @Test
  public void ac_2_3_function_call_arguments_reassemble_exactly() throws Exception {
    FunctionTool tool =
        new FunctionTool(
            "lookup",
            "Looks a word up.",
            new ObjectMapper()
                .readTree(
                    "{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\"}},"
                        + "\"required\":[\"word\"]}"),
            null,
            Map.of());
    CreateRequest request =
        CreateRequest.builder()
            .model("tool-loop")
            .input("[sim tool_calls=3] look these up")
            .tools(List.of(tool))
            .build();
    try (Fixture f = fixture()) {
      RecordingSubscriber s = stream(f.channel(), request, "AC-2.3");
      Map<String, StringBuilder> deltas = new LinkedHashMap<>();
      Map<String, String> done = new LinkedHashMap<>();
      for (ServerEvent e : s.events) {
        if (e instanceof ServerEvent.FunctionCallArgumentsDelta delta) {
          deltas.computeIfAbsent(delta.itemId(), k -> new StringBuilder()).append(delta.delta());
        } else if (e instanceof ServerEvent.FunctionCallArgumentsDone argsDone) {
          done.put(argsDone.itemId(), argsDone.arguments());
        }
      }
      Response response = responseOf(CompletedResponse.of(s), "AC-2.3");
      List<FunctionCallItem> calls = response.functionCalls();
      assertThat(calls)
          .as("AC-2.3: the tool-loop model answers with function calls; saw %s", s.describe())
          .isNotEmpty();
      for (FunctionCallItem call : calls) {
        assertThat(call.name()).as("AC-2.3: the called tool").isEqualTo("lookup");
        assertThat(deltas.getOrDefault(call.id(), new StringBuilder()).toString())
            .as(
                "AC-2.3: the argument deltas of item %s joined, against the final arguments",
                call.id())
            .isEqualTo(call.arguments());
        assertThat(done.get(call.id()))
            .as("AC-2.3: function_call_arguments.done of item %s", call.id())
            .isEqualTo(call.arguments());
      }
    }
  }

  @Test
  public void ac_2_4_sequence_numbers_strictly_increase() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      for (int turn = 0; turn < 2; turn++) {
        RecordingSubscriber s =
            stream(channel, echo("[sim answer_tokens=100] turn " + turn).build(), "AC-2.4");
        long previous = -1;
        for (int i = 0; i < s.events.size(); i++) {
          ServerEvent e = s.events.get(i);
          assertThat(e.meta().hasSequenceNumber())
              .as("AC-2.4: event %s has no sequence_number", Describe.event(i, e))
              .isTrue();
          assertThat(e.sequenceNumber())
              .as(
                  "AC-2.4: turn %d, event %s follows sequence_number %d; events reordered,"
                      + " duplicated or mixed between responses? saw %s",
                  turn, Describe.event(i, e), previous, s.describe())
              .isGreaterThan(previous);
          previous = e.sequenceNumber();
        }
      }
    }
  }
}
