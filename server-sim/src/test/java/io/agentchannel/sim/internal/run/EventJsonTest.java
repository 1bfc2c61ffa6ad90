package io.agentchannel.sim.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.agentchannel.sim.internal.engine.ResponseFactory;
import io.agentchannel.sim.internal.engine.WireShapes;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

  private static final WireCodec CODEC = WireCodec.shared();
  private static final String ITEM = "msg_0a1b2c3d4e5f60718293a4b5c6d7e8f9";

  @Test
  void textDeltaIsTheCodecsJson() {
    ServerEvent event = textDelta(new EventMeta(17, null, WireShapes.LOGPROBS), "Summ");

    assertThat(new EventJson().delta(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
  }

  @Test
  void textDeltaOnANamedLaneIsTheCodecsJson() {
    ServerEvent event =
        new ServerEvent.OutputTextDelta(
            new EventMeta(3, "lane-1.a_B", WireShapes.LOGPROBS), ITEM, 2, 1, "text");

    assertThat(new EventJson().delta(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
  }

  @Test
  void textDeltaWithoutExtrasIsTheCodecsJson() {
    ServerEvent event = textDelta(EventMeta.of(0), "x");

    assertThat(new EventJson().delta(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
  }

  @Test
  void argumentDeltaWithQuotesAndBackslashesIsTheCodecsJson() {
    for (String delta : List.of("{\"st", "ep\":", "\\\"", "\\\\n", "a\\", "\"")) {
      ServerEvent event =
          new ServerEvent.FunctionCallArgumentsDelta(
              new EventMeta(4, null, Map.of()), "fc_52ead7e36ea7fea8", 0, delta);

      assertThat(new EventJson().delta(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void everyCharacterTheShortcutTakesComesOutAsTheCodecWritesIt() {
    List<String> deltas = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    for (int c = 0x20; c <= 0xFFFF; c++) {
      chunk.append((char) c);
      if (chunk.length() == 64) {
        deltas.add(chunk.toString());
        chunk.setLength(0);
      }
    }
    deltas.add(chunk.toString());
    deltas.add("\uD83D\uDE00 and \uD83D");
    for (String delta : deltas) {
      ServerEvent event = textDelta(new EventMeta(9, "s", WireShapes.LOGPROBS), delta);

      assertThat(new EventJson().delta(event)).as(delta).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void oneWriterFollowsItemsLanesAndTypesAsTheyChange() {
    EventJson json = new EventJson();
    List<ServerEvent> events =
        List.of(
            textDelta(new EventMeta(4, null, WireShapes.LOGPROBS), "a"),
            textDelta(new EventMeta(5, null, WireShapes.LOGPROBS), "b"),
            textDelta(new EventMeta(6, "lane", WireShapes.LOGPROBS), "c"),
            new ServerEvent.OutputTextDelta(new EventMeta(7, "lane", Map.of()), ITEM, 1, 0, "d"),
            new ServerEvent.OutputTextDelta(new EventMeta(8, "lane", Map.of()), ITEM, 1, 2, "e"),
            new ServerEvent.FunctionCallArgumentsDelta(
                new EventMeta(9, "lane", Map.of()), ITEM, 1, "f"),
            new ServerEvent.FunctionCallArgumentsDelta(
                new EventMeta(10, null, Map.of()), "fc_1", 1, "g"),
            textDelta(new EventMeta(11, null, WireShapes.LOGPROBS), "h\u0001"),
            textDelta(new EventMeta(12, null, WireShapes.LOGPROBS), "i"));
    for (ServerEvent event : events) {
      assertThat(json.write(event)).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void controlCharactersAreLeftToTheCodec() {
    for (char c = 0; c < 0x20; c++) {
      ServerEvent event = textDelta(new EventMeta(1, null, WireShapes.LOGPROBS), "a" + c + "b");

      assertThat(new EventJson().delta(event)).isNull();
      assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void otherExtrasAreLeftToTheCodec() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<Map<String, JsonNode>> extras =
        List.of(
            Map.of("obfuscation", nodes.textNode("Qm3x")),
            Map.of("logprobs", nodes.arrayNode().add(1)),
            Map.of("logprobs", nodes.nullNode()));
    for (Map<String, JsonNode> x : extras) {
      ServerEvent event = textDelta(new EventMeta(1, null, x), "abc");

      assertThat(new EventJson().delta(event)).isNull();
      assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void otherEventsAreLeftToTheCodec() {
    ServerEvent event =
        new ServerEvent.OutputTextDone(
            new EventMeta(5, null, WireShapes.LOGPROBS), ITEM, 0, 0, "t");

    assertThat(new EventJson().delta(event)).isNull();
    assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
  }

  @Test
  void functionCallEventsAreTheCodecsJson() {
    String arguments = "{\"step\":1,\"of\":3,\"path\":\"C:\\\\src\",\"nonce\":\"910a2d\"}";
    for (String lane : java.util.Arrays.asList(null, "lane-7")) {
      List<ServerEvent> events =
          List.of(
              new ServerEvent.OutputItemAdded(
                  new EventMeta(2, lane, Map.of()),
                  0,
                  WireShapes.call("fc_52ea", "call_d7f0", "run_tests", "", "in_progress")),
              new ServerEvent.FunctionCallArgumentsDone(
                  new EventMeta(14, lane, Map.of()), "fc_52ea", 0, "run_tests", arguments),
              new ServerEvent.OutputItemDone(
                  new EventMeta(15, lane, Map.of()),
                  3,
                  WireShapes.call("fc_52ea", "call_d7f0", "run_tests", arguments, "completed")));
      for (ServerEvent event : events) {
        assertThat(new EventJson().itemEvent(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
      }
    }
  }

  @Test
  void itemEventsTheShortcutDoesNotCoverAreLeftToTheCodec() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    List<ServerEvent> events =
        List.of(
            new ServerEvent.OutputItemAdded(
                new EventMeta(2, null, Map.of()),
                0,
                new FunctionCallItem(
                    "fc_1", "call_1", "run", "", "in_progress", Map.of("x", nodes.textNode("y")))),
            new ServerEvent.OutputItemAdded(
                new EventMeta(2, null, Map.of()),
                0,
                new FunctionCallItem(null, "call_1", "run", "", "in_progress", Map.of())),
            new ServerEvent.OutputItemDone(
                new EventMeta(2, null, Map.of()),
                0,
                new FunctionCallItem("fc_1", "call_1", "run", "", null, Map.of())),
            new ServerEvent.OutputItemDone(
                new EventMeta(2, null, Map.of()), 0, WireShapes.reasoning("rs_1", List.of(), null)),
            new ServerEvent.FunctionCallArgumentsDone(
                new EventMeta(3, null, Map.of()), "fc_1", 0, "run", "{\"a\":\"\n\"}"),
            new ServerEvent.FunctionCallArgumentsDone(
                new EventMeta(3, null, Map.of("x", nodes.nullNode())), "fc_1", 0, "run", "{}"));
    for (ServerEvent event : events) {
      assertThat(new EventJson().itemEvent(event)).isNull();
      assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void messageEventsAreTheCodecsJson() {
    String text = "Say \"hi\" \\ — é \uD83D\uDE00";
    ContentPart refusal = new ContentPart(ContentPart.REFUSAL, "No \"way\"", Map.of());
    for (String lane : java.util.Arrays.asList(null, "lane-7")) {
      List<ServerEvent> events =
          List.of(
              new ServerEvent.OutputItemAdded(
                  new EventMeta(2, lane, Map.of()),
                  0,
                  WireShapes.message("msg_1", "in_progress", List.of())),
              new ServerEvent.ContentPartAdded(
                  new EventMeta(3, lane, Map.of()), "msg_1", 0, 0, WireShapes.outputText("")),
              new ServerEvent.OutputTextDone(
                  new EventMeta(54, lane, WireShapes.LOGPROBS), "msg_1", 0, 0, text),
              new ServerEvent.OutputTextDone(
                  new EventMeta(54, lane, Map.of()), "msg_1", 1, 2, text),
              new ServerEvent.ContentPartDone(
                  new EventMeta(55, lane, Map.of()), "msg_1", 0, 0, WireShapes.outputText(text)),
              new ServerEvent.ContentPartDone(
                  new EventMeta(55, lane, Map.of()), "msg_1", 0, 1, refusal),
              new ServerEvent.OutputItemDone(
                  new EventMeta(56, lane, Map.of()),
                  0,
                  WireShapes.message(
                      "msg_1", "completed", List.of(WireShapes.outputText(text), refusal))));
      for (ServerEvent event : events) {
        assertThat(new EventJson().itemEvent(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
      }
    }
  }

  @Test
  void messageEventsTheShortcutDoesNotCoverAreLeftToTheCodec() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ContentPart annotated =
        new ContentPart(
            ContentPart.OUTPUT_TEXT,
            "t",
            Map.of("annotations", nodes.arrayNode().add(nodes.objectNode().put("type", "x"))));
    List<ServerEvent> events =
        List.of(
            new ServerEvent.ContentPartDone(
                new EventMeta(5, null, Map.of()), "msg_1", 0, 0, annotated),
            new ServerEvent.ContentPartAdded(
                new EventMeta(5, null, Map.of()),
                "msg_1",
                0,
                0,
                new ContentPart(ContentPart.OUTPUT_TEXT, null, Map.of())),
            new ServerEvent.OutputItemDone(
                new EventMeta(6, null, Map.of()),
                0,
                new MessageItem(
                    "msg_1",
                    "assistant",
                    "completed",
                    List.of(),
                    Map.of("phase", nodes.textNode("x")))),
            new ServerEvent.OutputItemDone(
                new EventMeta(6, null, Map.of()),
                0,
                new MessageItem(null, "assistant", "completed", List.of(), Map.of())),
            new ServerEvent.OutputItemDone(
                new EventMeta(6, null, Map.of()),
                0,
                WireShapes.message("msg_1", "completed", List.of(annotated))),
            new ServerEvent.OutputTextDone(
                new EventMeta(7, null, Map.of("obfuscation", nodes.textNode("x"))),
                "msg_1",
                0,
                0,
                "t"),
            new ServerEvent.OutputTextDone(
                new EventMeta(7, null, Map.of()), "msg_1", 0, 0, "a\u0002"));
    for (ServerEvent event : events) {
      assertThat(new EventJson().itemEvent(event)).isNull();
      assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void lifecycleEventsAreTheCodecsJson() {
    Response start = response();
    Response done = start.toBuilder().status(Response.STATUS_COMPLETED).completedAt(1L).build();
    EventJson json = new EventJson();
    List<ServerEvent> events =
        List.of(
            new ServerEvent.ResponseCreated(new EventMeta(0, null, Map.of()), start),
            new ServerEvent.ResponseInProgress(new EventMeta(1, null, Map.of()), start),
            new ServerEvent.ResponseCompleted(new EventMeta(2, null, Map.of()), done),
            new ServerEvent.ResponseCreated(new EventMeta(0, "lane", Map.of()), start),
            new ServerEvent.ResponseInProgress(new EventMeta(1, "lane", Map.of()), start),
            new ServerEvent.ResponseFailed(new EventMeta(2, "lane", Map.of()), done));
    for (ServerEvent event : events) {
      assertThat(json.lifecycle(event)).isNotNull().isEqualTo(CODEC.writeEvent(event));
    }
  }

  @Test
  void theCreatedResponseIsWrittenOnceForCreatedAndInProgress() {
    Response start = response();
    EventJson json = new EventJson();
    String created =
        json.write(new ServerEvent.ResponseCreated(new EventMeta(0, null, Map.of()), start));
    String inProgress =
        json.write(new ServerEvent.ResponseInProgress(new EventMeta(1, null, Map.of()), start));

    String body = CODEC.writeResponse(start);
    assertThat(created).endsWith(",\"response\":" + body + "}");
    assertThat(inProgress)
        .isEqualTo(
            "{\"type\":\"response.in_progress\",\"sequence_number\":1,\"response\":" + body + "}");
  }

  @Test
  void lifecycleEventsWithExtrasAreLeftToTheCodec() {
    ServerEvent event =
        new ServerEvent.ResponseCreated(
            new EventMeta(0, null, Map.of("obfuscation", JsonNodeFactory.instance.textNode("x"))),
            response());

    assertThat(new EventJson().lifecycle(event)).isNull();
    assertThat(new EventJson().write(event)).isEqualTo(CODEC.writeEvent(event));
  }

  private static Response response() {
    CreateRequest request =
        CODEC.readCreateRequest(
            "{\"model\":\"tool-loop\",\"input\":\"Run \\\"them\\\"\",\"instructions\":\"Be brief.\","
                + "\"metadata\":{\"k\":\"v\"},\"tools\":[{\"type\":\"function\",\"name\":\"run_tests\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}}]}");
    return ResponseFactory.inProgress("resp_0a1b2c3d", request, 1767225600L);
  }

  private static ServerEvent textDelta(EventMeta meta, String delta) {
    return new ServerEvent.OutputTextDelta(meta, ITEM, 0, 0, delta);
  }
}
