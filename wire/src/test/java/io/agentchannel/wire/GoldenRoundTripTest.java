package io.agentchannel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.OtherTool;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import io.agentchannel.wire.model.UnknownItem;
import io.agentchannel.wire.model.Usage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenRoundTripTest {

  private static final WireCodec CODEC = WireCodec.shared();

  private static final List<String> EVENT_FILES =
      List.of(
          "sse-text-answer.jsonl",
          "sse-function-call.jsonl",
          "sse-reasoning.jsonl",
          "sse-errors-and-terminals.jsonl",
          "ws-worked-example.jsonl",
          "ws-worked-example-lane-main.jsonl",
          "ws-errors-nested.jsonl",
          "unknown-events.jsonl",
          "unknown-fields.jsonl");

  static Stream<Arguments> eventFrames() {
    return EVENT_FILES.stream()
        .flatMap(
            file -> {
              List<String> lines = Golden.lines(file);
              return java.util.stream.IntStream.range(0, lines.size())
                  .mapToObj(i -> Arguments.of(file + ":" + (i + 1), lines.get(i)));
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFrames")
  void eventRoundTripsToTheSameJson(String where, String frame) {
    ServerEvent event = CODEC.readEvent(frame);

    String written = CODEC.writeEvent(event);

    assertThat(Golden.tree(written)).isEqualTo(Golden.tree(frame));
    assertThat(CODEC.readEvent(written)).isEqualTo(event);
    StringWriter out = new StringWriter();
    CODEC.writeEvent(event, out);
    assertThat(out.toString()).isEqualTo(written);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventFrames")
  void bytesReadTheSameAsText(String where, String frame) {
    byte[] utf8 = ("  " + frame + " ").getBytes(StandardCharsets.UTF_8);
    int offset = 2;
    int length = frame.getBytes(StandardCharsets.UTF_8).length;

    assertThat(CODEC.readEvent(utf8, offset, length)).isEqualTo(CODEC.readEvent(frame));
  }

  @Test
  void plainTextAnswerIsTypedInCanonicalOrder() {
    List<ServerEvent> events =
        Golden.lines("sse-text-answer.jsonl").stream().map(CODEC::readEvent).toList();

    assertThat(events)
        .extracting(ServerEvent::getClass)
        .containsExactly(
            ServerEvent.ResponseCreated.class,
            ServerEvent.ResponseInProgress.class,
            ServerEvent.OutputItemAdded.class,
            ServerEvent.ContentPartAdded.class,
            ServerEvent.OutputTextDelta.class,
            ServerEvent.OutputTextDelta.class,
            ServerEvent.OutputTextDelta.class,
            ServerEvent.OutputTextDone.class,
            ServerEvent.ContentPartDone.class,
            ServerEvent.OutputItemDone.class,
            ServerEvent.ResponseCompleted.class);
    assertThat(events)
        .extracting(ServerEvent::sequenceNumber)
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(events).allSatisfy(e -> assertThat(e.streamId()).isNull());

    ServerEvent.OutputTextDelta delta = (ServerEvent.OutputTextDelta) events.get(5);
    assertThat(delta.itemId()).isEqualTo("msg_1");
    assertThat(delta.outputIndex()).isZero();
    assertThat(delta.contentIndex()).isZero();
    assertThat(delta.delta()).isEqualTo(" The tests");
    assertThat(delta.meta().extras()).containsOnlyKeys("logprobs", "obfuscation");
    assertThat(delta.meta().extras().get("obfuscation").textValue()).isEqualTo("x7pad");

    ServerEvent.ContentPartAdded partAdded = (ServerEvent.ContentPartAdded) events.get(3);
    assertThat(partAdded.part().type()).isEqualTo(ContentPart.OUTPUT_TEXT);
    assertThat(partAdded.part().text()).isEmpty();
    assertThat(partAdded.part().extras()).containsOnlyKeys("annotations");

    Response done = ((ServerEvent.ResponseCompleted) events.get(10)).response();
    assertThat(done.id()).isEqualTo("resp_1");
    assertThat(done.object()).isEqualTo("response");
    assertThat(done.createdAt()).isEqualTo(1767225600L);
    assertThat(done.completedAt()).isEqualTo(1767225603L);
    assertThat(done.status()).isEqualTo(Response.STATUS_COMPLETED);
    assertThat(done.error()).isNull();
    assertThat(done.incompleteDetails()).isNull();
    assertThat(done.instructions()).isEqualTo("You are a build assistant.");
    assertThat(done.model()).isEqualTo("gpt-5.5");
    assertThat(done.parallelToolCalls()).isTrue();
    assertThat(done.store()).isTrue();
    assertThat(done.metadata()).isEmpty();
    assertThat(done.toolChoice().textValue()).isEqualTo("auto");
    assertThat(done.tools())
        .singleElement()
        .isInstanceOfSatisfying(
            FunctionTool.class,
            t -> {
              assertThat(t.name()).isEqualTo("run_tests");
              assertThat(t.strict()).isTrue();
              assertThat(t.parameters().get("required").get(0).textValue()).isEqualTo("path");
            });
    assertThat(done.outputText()).isEqualTo("Hello! The tests are green.");
    assertThat(done.extras().get("temperature").doubleValue()).isEqualTo(1.0);
    assertThat(done.extras().get("max_output_tokens")).isEqualTo(NullNode.instance);
    assertThat(done.extras())
        .containsKeys("reasoning", "text", "top_p", "truncation", "previous_response_id");
    Usage usage = done.usage();
    assertThat(usage.inputTokens()).isEqualTo(812);
    assertThat(usage.outputTokens()).isEqualTo(57);
    assertThat(usage.totalTokens()).isEqualTo(869);
    assertThat(usage.cachedTokens()).isEqualTo(640);
    assertThat(usage.reasoningTokens()).isEqualTo(32);
    assertThat(usage.inputTokensDetails())
        .containsExactly(Map.entry("cached_tokens", 640L), Map.entry("cache_write_tokens", 0L));
  }

  @Test
  void functionCallSequence() {
    List<ServerEvent> events =
        Golden.lines("sse-function-call.jsonl").stream().map(CODEC::readEvent).toList();

    FunctionCallItem added =
        (FunctionCallItem) ((ServerEvent.OutputItemAdded) events.get(2)).item();
    assertThat(added.arguments()).isEmpty();
    assertThat(added.status()).isEqualTo("in_progress");
    ServerEvent.FunctionCallArgumentsDelta delta =
        (ServerEvent.FunctionCallArgumentsDelta) events.get(3);
    assertThat(delta.delta()).isEqualTo("{\"path\":");
    assertThat(delta.meta().extras()).containsOnlyKeys("obfuscation");
    ServerEvent.FunctionCallArgumentsDone done =
        (ServerEvent.FunctionCallArgumentsDone) events.get(5);
    assertThat(done.name()).isEqualTo("run_tests");
    assertThat(done.arguments()).isEqualTo("{\"path\":\"src\"}");
    Response response = ((ServerEvent.ResponseCompleted) events.get(7)).response();
    assertThat(response.functionCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.callId()).isEqualTo("call_01");
              assertThat(call.id()).isEqualTo("fc_01");
            });
    assertThat(events.get(7).isTerminal()).isTrue();
  }

  @Test
  void reasoningSequence() {
    List<ServerEvent> events =
        Golden.lines("sse-reasoning.jsonl").stream().map(CODEC::readEvent).toList();

    ServerEvent.ReasoningSummaryPartAdded part =
        (ServerEvent.ReasoningSummaryPartAdded) events.get(3);
    assertThat(part.summaryIndex()).isZero();
    assertThat(part.part().type()).isEqualTo(ContentPart.SUMMARY_TEXT);
    ServerEvent.ReasoningSummaryTextDelta delta =
        (ServerEvent.ReasoningSummaryTextDelta) events.get(5);
    assertThat(delta.delta()).isEqualTo(" tests to run.");
    ServerEvent.ReasoningSummaryTextDone text =
        (ServerEvent.ReasoningSummaryTextDone) events.get(6);
    assertThat(text.text()).isEqualTo("Checking which tests to run.");
    ReasoningItem item = (ReasoningItem) ((ServerEvent.OutputItemDone) events.get(8)).item();
    assertThat(item.encryptedContent()).isEqualTo("gAAAAB-opaque==");
    assertThat(item.summary())
        .containsExactly(ContentPart.summaryText("Checking which tests to run."));
    assertThat(((ServerEvent.ResponseCompleted) events.get(15)).response().store()).isFalse();
  }

  @Test
  void sseErrorAndOtherTerminals() {
    List<ServerEvent> events =
        Golden.lines("sse-errors-and-terminals.jsonl").stream().map(CODEC::readEvent).toList();

    ServerEvent.Error flat = (ServerEvent.Error) events.get(0);
    assertThat(flat.shape()).isEqualTo(ServerEvent.ErrorShape.FLAT);
    assertThat(flat.status()).isNull();
    assertThat(flat.error())
        .isEqualTo(
            ErrorDetail.of(
                null,
                "server_error",
                "The server had an error while processing your request.",
                null));
    assertThat(flat.sequenceNumber()).isEqualTo(3);
    assertThat(flat.meta().extras()).isEmpty();
    assertThat(flat.isTerminal()).isTrue();

    Response failed = ((ServerEvent.ResponseFailed) events.get(2)).response();
    assertThat(failed.status()).isEqualTo(Response.STATUS_FAILED);
    assertThat(failed.error().code()).isEqualTo("server_error");
    assertThat(failed.error().message()).isEqualTo("The model failed to generate a response.");

    Response incomplete = ((ServerEvent.ResponseIncomplete) events.get(3)).response();
    assertThat(incomplete.incompleteDetails().reason()).isEqualTo("max_output_tokens");
    assertThat(
            ((ServerEvent.ResponseIncomplete) events.get(4))
                .response()
                .incompleteDetails()
                .reason())
        .isEqualTo("steered");
  }

  @Test
  void workedExampleOnDefaultLaneAndNamedLane() {
    List<ServerEvent> plain =
        Golden.lines("ws-worked-example.jsonl").stream().map(CODEC::readEvent).toList();
    List<ServerEvent> lane =
        Golden.lines("ws-worked-example-lane-main.jsonl").stream().map(CODEC::readEvent).toList();

    assertThat(plain).hasSize(22).allSatisfy(e -> assertThat(e.streamId()).isNull());
    assertThat(lane).hasSize(22).allSatisfy(e -> assertThat(e.streamId()).isEqualTo("main"));
    for (int i = 0; i < plain.size(); i++) {
      assertThat(lane.get(i).getClass()).isEqualTo(plain.get(i).getClass());
      assertThat(lane.get(i).meta()).isEqualTo(plain.get(i).meta().withStreamId("main"));
    }
    assertThat(plain).filteredOn(e -> !(e instanceof ServerEvent.Unknown)).hasSize(22);
    Response turn1 = ((ServerEvent.ResponseCompleted) plain.get(11)).response();
    assertThat(turn1.previousResponseId()).isEqualTo("resp_W");
    assertThat(turn1.output()).hasSize(2);
    assertThat(turn1.usage().cachedTokens()).isEqualTo(384);
    assertThat(turn1.functionCalls().get(0).callId()).isEqualTo("call_77");
    Response turn2 = ((ServerEvent.ResponseCompleted) plain.get(21)).response();
    assertThat(turn2.outputText()).isEqualTo("Not quite: test_parse fails.");
  }

  @Test
  void nestedWebSocketErrors() {
    List<ServerEvent> events =
        Golden.lines("ws-errors-nested.jsonl").stream().map(CODEC::readEvent).toList();

    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e).isInstanceOf(ServerEvent.Error.class);
              assertThat(((ServerEvent.Error) e).shape()).isEqualTo(ServerEvent.ErrorShape.NESTED);
            });
    ServerEvent.Error first = (ServerEvent.Error) events.get(0);
    assertThat(first.status()).isEqualTo(400);
    assertThat(first.streamId()).isEqualTo("main");
    assertThat(first.meta().hasSequenceNumber()).isFalse();
    assertThat(first.error())
        .isEqualTo(
            ErrorDetail.of(
                "invalid_request_error",
                "previous_response_not_found",
                "Previous response with id 'resp_abc' not found.",
                "previous_response_id"));
    assertThat(((ServerEvent.Error) events.get(1)).error().param()).isNull();
    assertThat(((ServerEvent.Error) events.get(1)).streamId()).isNull();
    ServerEvent.Error limited = (ServerEvent.Error) events.get(5);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.error().headers()).containsEntry("retry-after", "1");
  }

  @Test
  void statusCodeIsReadAsStatusAndWrittenAsStatus() {
    List<String> frames = Golden.lines("ws-errors-status-code.jsonl");

    ServerEvent.Error usage = (ServerEvent.Error) CODEC.readEvent(frames.get(0));
    assertThat(usage.status()).isEqualTo(429);
    assertThat(usage.shape()).isEqualTo(ServerEvent.ErrorShape.NESTED);
    assertThat(usage.error().code()).isEqualTo("usage_limit_reached");
    assertThat(usage.meta().extras()).containsOnlyKeys("headers");
    ServerEvent.Error lane = (ServerEvent.Error) CODEC.readEvent(frames.get(1));
    assertThat(lane.status()).isEqualTo(400);
    assertThat(lane.streamId()).isEqualTo("main");

    for (String frame : frames) {
      ServerEvent event = CODEC.readEvent(frame);
      String written = CODEC.writeEvent(event);
      ObjectNode expected = (ObjectNode) Golden.tree(frame);
      expected.set("status", expected.remove("status_code"));
      assertThat(Golden.tree(written)).isEqualTo(expected);
      assertThat(CODEC.readEvent(written)).isEqualTo(event);
    }
  }

  @Test
  void unknownEventsKeepTheirFrameAndEnvelope() {
    List<String> frames = Golden.lines("unknown-events.jsonl");

    for (String frame : frames) {
      ServerEvent event = CODEC.readEvent(frame);
      assertThat(event).isInstanceOf(ServerEvent.Unknown.class);
      assertThat(((ServerEvent.Unknown) event).json()).isEqualTo(frame);
      assertThat(CODEC.writeEvent(event)).isEqualTo(frame);
    }
    ServerEvent.Unknown steer = (ServerEvent.Unknown) CODEC.readEvent(frames.get(1));
    assertThat(steer.type()).isEqualTo("response.steer.accepted");
    assertThat(steer.sequenceNumber()).isEqualTo(3);
    assertThat(steer.streamId()).isEqualTo("main");
    ServerEvent.Unknown late = (ServerEvent.Unknown) CODEC.readEvent(frames.get(6));
    assertThat(late.type()).isEqualTo("response.web_search_call.completed");
    assertThat(late.sequenceNumber()).isEqualTo(2);
    ServerEvent.Unknown noSeq = (ServerEvent.Unknown) CODEC.readEvent(frames.get(5));
    assertThat(noSeq.meta().hasSequenceNumber()).isFalse();
  }

  @Test
  void unknownEventMovedToAnotherLaneIsRewritten() {
    String frame = Golden.lines("unknown-events.jsonl").get(0);
    ServerEvent.Unknown event = (ServerEvent.Unknown) CODEC.readEvent(frame);
    ServerEvent.Unknown moved =
        new ServerEvent.Unknown(event.meta().withStreamId("lane_2"), event.type(), event.json());

    ServerEvent reread = CODEC.readEvent(CODEC.writeEvent(moved));

    assertThat(reread.streamId()).isEqualTo("lane_2");
    assertThat(reread.sequenceNumber()).isEqualTo(12);
    ObjectNode expected = (ObjectNode) Golden.tree(frame);
    expected.put("stream_id", "lane_2");
    assertThat(Golden.tree(((ServerEvent.Unknown) reread).json())).isEqualTo(expected);
  }

  @Test
  void unknownFieldsAreKeptOnEventsItemsAndResponses() {
    List<ServerEvent> events =
        Golden.lines("unknown-fields.jsonl").stream().map(CODEC::readEvent).toList();

    assertThat(events).noneMatch(e -> e instanceof ServerEvent.Unknown);
    assertThat(events.get(0).meta().extras())
        .containsOnlyKeys("logprobs", "obfuscation", "x_trace");
    ServerEvent.OutputTextDelta late = (ServerEvent.OutputTextDelta) events.get(1);
    assertThat(late.delta()).isEqualTo("there");
    assertThat(late.itemId()).isEqualTo("msg_1");
    assertThat(late.meta().extras()).containsOnlyKeys("obfuscation");
    assertThat(((ServerEvent.ResponseCreated) events.get(2)).response().id()).isEqualTo("resp_o");

    MessageItem message = (MessageItem) ((ServerEvent.OutputItemDone) events.get(3)).item();
    assertThat(message.role()).isEqualTo("assistant");
    assertThat(message.text()).isEqualTo("ok");
    assertThat(message.extras()).containsOnlyKeys("phase");

    FunctionCallItem call = (FunctionCallItem) ((ServerEvent.OutputItemAdded) events.get(4)).item();
    assertThat(call.extras()).containsOnlyKeys("namespace", "caller");
    UnknownItem search = (UnknownItem) ((ServerEvent.OutputItemDone) events.get(5)).item();
    assertThat(search.type()).isEqualTo("web_search_call");
    assertThat(search.id()).isEqualTo("ws_1");
    ReasoningItem reasoning = (ReasoningItem) ((ServerEvent.OutputItemDone) events.get(6)).item();
    assertThat(reasoning.encryptedContent()).isNull();
    assertThat(reasoning.extras())
        .containsEntry("encrypted_content", NullNode.instance)
        .containsKey("content");

    ServerEvent.ContentPartAdded refusalPart = (ServerEvent.ContentPartAdded) events.get(7);
    assertThat(refusalPart.part().type()).isEqualTo(ContentPart.REFUSAL);
    assertThat(refusalPart.part().text()).isEmpty();
    assertThat(((ServerEvent.RefusalDone) events.get(9)).refusal())
        .isEqualTo("I can't help with that.");
    assertThat(((ServerEvent.FunctionCallArgumentsDone) events.get(12)).name()).isNull();
    ServerEvent.FunctionCallArgumentsDone nullName =
        (ServerEvent.FunctionCallArgumentsDone) events.get(13);
    assertThat(nullName.name()).isNull();
    assertThat(nullName.meta().extras()).containsEntry("name", NullNode.instance);
    assertThat(events.get(14)).isInstanceOf(ServerEvent.ResponseQueued.class);

    ServerEvent.ResponseCompleted completed = (ServerEvent.ResponseCompleted) events.get(15);
    assertThat(completed.meta().extras()).containsOnlyKeys("x_event_level");
    Response r = completed.response();
    assertThat(r.instructions()).isNull();
    assertThat(r.extras().get("instructions").isArray()).isTrue();
    assertThat(r.extras())
        .containsKeys("x_new_field", "background", "prompt_cache_key", "service_tier");
    assertThat(r.metadata()).containsExactly(Map.entry("session", "s-1"));
    assertThat(r.output().get(1)).isInstanceOf(UnknownItem.class);
    FunctionCallOutputItem output = (FunctionCallOutputItem) r.output().get(2);
    assertThat(output.output()).isNull();
    assertThat(output.extras().get("output").isArray()).isTrue();
    assertThat(r.usage().inputTokensDetails())
        .containsEntry("audio_tokens", 0L)
        .containsEntry("cache_write_tokens", 4L);
    assertThat(r.usage().extras()).containsOnlyKeys("cost_usd");
    assertThat(r.tools().get(1)).isInstanceOf(OtherTool.class);
    FunctionTool nullable = (FunctionTool) r.tools().get(2);
    assertThat(nullable.parameters()).isNull();
    assertThat(nullable.strict()).isNull();
    assertThat(nullable.extras()).containsOnlyKeys("parameters", "strict", "defer_loading");
  }

  @Test
  void createFramesRoundTrip() {
    List<String> frames = Golden.lines("ws-create-frames.jsonl");

    for (String frame : frames) {
      CreateRequest request = CODEC.readCreateFrame(frame);
      String written = CODEC.writeCreateFrame(request);
      assertThat(Golden.tree(written)).isEqualTo(Golden.tree(frame));
      assertThat(written).startsWith("{\"type\":\"response.create\",");
      assertThat(CODEC.readCreateFrame(written)).isEqualTo(request);
    }
    CreateRequest warmup = CODEC.readCreateFrame(frames.get(0));
    assertThat(warmup.isWarmup()).isTrue();
    assertThat(warmup.input()).isEmpty();
    assertThat(warmup.parallelToolCalls()).isFalse();
    assertThat(warmup.store()).isFalse();
    assertThat(warmup.tools()).singleElement().isInstanceOf(FunctionTool.class);
    CreateRequest turn2 = CODEC.readCreateFrame(frames.get(2));
    assertThat(turn2.previousResponseId()).isEqualTo("resp_A");
    assertThat(turn2.input())
        .singleElement()
        .isEqualTo(
            FunctionCallOutputItem.of(
                "call_77", "{\"passed\":41,\"failed\":1,\"failing\":[\"test_parse\"]}"));

    CreateRequest full = CODEC.readCreateFrame(frames.get(3));
    assertThat(full.streamId()).isEqualTo("agent_7.lane-2");
    assertThat(full.stream()).isTrue();
    assertThat(full.generate()).isTrue();
    assertThat(full.previousResponseId()).isNull();
    assertThat(full.maxOutputTokens()).isEqualTo(4096);
    assertThat(full.include()).containsExactly("reasoning.encrypted_content");
    assertThat(full.metadata()).containsEntry("run", "42");
    assertThat(full.toolChoice().get("name").textValue()).isEqualTo("run_tests");
    assertThat(full.extras())
        .containsEntry("previous_response_id", NullNode.instance)
        .containsKeys(
            "prompt_cache_key", "client_metadata", "service_tier", "temperature", "stream_options");
    assertThat(full.input())
        .extracting(i -> i.type())
        .containsExactly(
            "message",
            "message",
            "reasoning",
            "function_call",
            "function_call_output",
            "item_reference");
    assertThat(full.tools().get(1)).isInstanceOf(OtherTool.class);
  }

  @Test
  void httpBodiesRoundTrip() {
    for (String body : Golden.lines("http-create-bodies.jsonl")) {
      CreateRequest request = CODEC.readCreateRequest(body);
      String written = CODEC.writeCreateRequest(request);
      assertThat(Golden.tree(written)).isEqualTo(Golden.tree(body));
      assertThat(CODEC.readCreateRequest(written)).isEqualTo(request);
    }
    assertThatThrownBy(() -> CODEC.readCreateFrame(Golden.lines("http-create-bodies.jsonl").get(0)))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("type")
        .hasMessageContaining("response.create");
  }

  @Test
  void convenienceFormsAreNormalised() {
    CreateRequest request = CODEC.readCreateRequest("{\"model\":\"gpt-5.5\",\"input\":\"hi\"}");
    assertThat(request.input()).containsExactly(MessageItem.user("hi"));
    assertThat(Golden.tree(CODEC.writeCreateRequest(request)))
        .isEqualTo(
            Golden.tree(
                "{\"model\":\"gpt-5.5\",\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]}]}"));

    assertThat(CODEC.readItem("{\"role\":\"assistant\",\"content\":\"done\"}"))
        .isEqualTo(
            new MessageItem(
                null, "assistant", null, List.of(ContentPart.outputText("done")), Map.of()));
    assertThat(
            CODEC.readItem("{\"role\":\"developer\",\"content\":\"rules\",\"type\":\"message\"}"))
        .isEqualTo(MessageItem.developer("rules"));
    assertThat(
            CODEC.readItem(
                "{\"call_id\":\"c\",\"output\":\"ok\",\"type\":\"function_call_output\"}"))
        .isEqualTo(FunctionCallOutputItem.of("c", "ok"));
  }

  @Test
  void httpErrorBodiesRoundTrip() {
    List<String> bodies = Golden.lines("http-error-bodies.jsonl");
    for (String body : bodies) {
      assertThat(Golden.tree(CODEC.writeErrorBody(CODEC.readErrorBody(body))))
          .isEqualTo(Golden.tree(body));
    }
    assertThat(CODEC.readErrorBody(bodies.get(0)))
        .isEqualTo(
            ErrorDetail.of(
                "invalid_request_error",
                "previous_response_not_found",
                "Previous response with id 'resp_A' not found.",
                "previous_response_id"));
    assertThat(CODEC.writeErrorBody(ErrorDetail.of(null, null, "boom", null)))
        .isEqualTo("{\"error\":{\"message\":\"boom\",\"type\":null,\"param\":null,\"code\":null}}");
  }

  @Test
  void httpResponseBodyRoundTrips() {
    String body = Golden.lines("http-responses.jsonl").get(0);
    Response response = CODEC.readResponse(body);

    assertThat(Golden.tree(CODEC.writeResponse(response))).isEqualTo(Golden.tree(body));
    assertThat(response.id()).isEqualTo("resp_0a1b2c");
    assertThat(response.functionCalls()).hasSize(1);
    assertThat(response.usage().cachedTokens()).isEqualTo(640);
  }

  @Test
  void responseWriterAlwaysWritesTheRequiredNullableFields() {
    Response minimal = Response.builder("resp_m").build();

    assertThat(Golden.tree(CODEC.writeResponse(minimal)))
        .isEqualTo(
            Golden.tree(
                "{\"id\":\"resp_m\",\"object\":\"response\",\"created_at\":0,\"error\":null,\"incomplete_details\":null,\"instructions\":null,\"output\":[]}"));
    assertThat(CODEC.readResponse(CODEC.writeResponse(minimal))).isEqualTo(minimal);
  }

  @Test
  void itemsRoundTrip() {
    for (String item :
        List.of(
            "{\"type\":\"message\",\"id\":\"msg_1\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"x\",\"annotations\":[]}]}",
            "{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"n\",\"arguments\":\"{}\"}",
            "{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":[{\"type\":\"input_text\",\"text\":\"r\"}]}",
            "{\"type\":\"reasoning\",\"id\":\"rs\",\"summary\":[],\"encrypted_content\":\"e\"}",
            "{\"type\":\"item_reference\",\"id\":\"msg_1\"}")) {
      assertThat(Golden.tree(CODEC.writeItem(CODEC.readItem(item)))).isEqualTo(Golden.tree(item));
    }
  }

  @Test
  void benchmarkFramesAreTypedAndRoundTrip() {
    ServerEvent delta = CODEC.readEvent(CodecBenchmark.DELTA);
    ServerEvent completed = CODEC.readEvent(CodecBenchmark.COMPLETED);

    assertThat(delta).isInstanceOf(ServerEvent.OutputTextDelta.class);
    assertThat(completed)
        .isInstanceOfSatisfying(
            ServerEvent.ResponseCompleted.class,
            c -> {
              assertThat(c.response().output()).hasSize(3);
              assertThat(c.response().tools()).hasSize(2);
              assertThat(c.response().usage().cachedTokens()).isEqualTo(4608);
            });
    for (String frame : List.of(CodecBenchmark.DELTA, CodecBenchmark.COMPLETED)) {
      assertThat(Golden.tree(CODEC.writeEvent(CODEC.readEvent(frame))))
          .isEqualTo(Golden.tree(frame));
    }
  }
}
