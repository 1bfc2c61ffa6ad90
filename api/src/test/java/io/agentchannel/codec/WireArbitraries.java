package io.agentchannel.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.model.ContentPart;
import io.agentchannel.model.CreateRequest;
import io.agentchannel.model.ErrorDetail;
import io.agentchannel.model.EventMeta;
import io.agentchannel.model.FunctionCallItem;
import io.agentchannel.model.FunctionCallOutputItem;
import io.agentchannel.model.FunctionTool;
import io.agentchannel.model.IncompleteDetails;
import io.agentchannel.model.Item;
import io.agentchannel.model.MessageItem;
import io.agentchannel.model.OtherTool;
import io.agentchannel.model.ReasoningItem;
import io.agentchannel.model.Response;
import io.agentchannel.model.ServerEvent;
import io.agentchannel.model.Tool;
import io.agentchannel.model.UnknownItem;
import io.agentchannel.model.Usage;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/** Generators for the wire model, shared by the property tests. */
final class WireArbitraries {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Extra values, parsed from JSON text by a plain mapper so their node classes (IntNode, LongNode,
   * BigIntegerNode, DoubleNode, ...) are the ones a reader produces.
   */
  private static final List<String> JSON_VALUES =
      List.of(
          "1", "-5", "2147483648", "12345678901234567890123", "1.5", "1e300", "true", "false",
          "null", "\"s\"", "\"\\u0000\\ud83d\\ude00\\n\"", "[]", "{}", "[1,{\"a\":null}]",
          "{\"k\":[true,2.0,\"x\"],\"n\":{\"m\":-1}}");

  /** Keys no record types, so an extra never collides with a typed field. */
  private static final List<String> EXTRA_KEYS =
      List.of("x_a", "x_b", "obfuscation", "logprobs", "annotations", "x-trace", "ünïcödé", "");

  private WireArbitraries() {}

  static Arbitrary<String> text() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().numeric().ofMaxLength(6),
            Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf),
            Arbitraries.of("\"", "\\", "/", "\u2028", "\u00e9", "\u4e2d", "\ufeff", "\u007f", " "),
            Arbitraries.integers()
                .between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)
                .map(cp -> new String(Character.toChars(cp))),
            Arbitraries.chars().range('\u00a0', '\ud7ff').map(String::valueOf));
    return piece.list().ofMaxSize(6).map(pieces -> String.join("", pieces));
  }

  static Arbitrary<String> optText() {
    return text().injectNull(0.3);
  }

  static Arbitrary<JsonNode> jsonValue() {
    return Arbitraries.of(JSON_VALUES).map(Golden::tree);
  }

  /** A JSON value that is not null (typed JsonNode fields read a JSON null as absent). */
  static Arbitrary<JsonNode> nonNullJson() {
    return jsonValue().filter(n -> !n.isNull());
  }

  static Arbitrary<Map<String, JsonNode>> extras() {
    return Arbitraries.maps(Arbitraries.of(EXTRA_KEYS), jsonValue())
        .ofMaxSize(3)
        .map(LinkedHashMap::new);
  }

  static Arbitrary<String> streamId() {
    return Arbitraries.oneOf(
            Arbitraries.strings()
                .withChars("abcxyzABCXYZ0189_.-")
                .ofMinLength(1)
                .ofMaxLength(16),
            text())
        .injectNull(0.5);
  }

  static Arbitrary<Long> sequenceNumber() {
    return Arbitraries.oneOf(
        Arbitraries.just(EventMeta.NO_SEQUENCE),
        Arbitraries.longs().between(0, 40),
        Arbitraries.longs().between(0, Long.MAX_VALUE));
  }

  static Arbitrary<EventMeta> meta() {
    return Combinators.combine(sequenceNumber(), streamId(), extras()).as(EventMeta::new);
  }

  static Arbitrary<Integer> index() {
    return Arbitraries.oneOf(Arbitraries.integers().between(0, 5), Arbitraries.integers());
  }

  // ---- items ----

  static Arbitrary<ContentPart> part() {
    return Combinators.combine(
            Arbitraries.of("input_text", "output_text", "summary_text", "refusal", "input_image"),
            optText(),
            extras())
        .as(ContentPart::new);
  }

  static Arbitrary<List<ContentPart>> parts() {
    return part().list().ofMaxSize(3);
  }

  static Arbitrary<Item> item() {
    Arbitrary<Item> message =
        Combinators.combine(
                optText(),
                Arbitraries.of("user", "assistant", "system", "developer"),
                optText(),
                parts(),
                extras())
            .as(MessageItem::new);
    Arbitrary<Item> call =
        Combinators.combine(optText(), text(), text(), text(), optText(), extras())
            .as(FunctionCallItem::new);
    Arbitrary<Item> output =
        Combinators.combine(optText(), text(), text(), extras()).as(FunctionCallOutputItem::new);
    Arbitrary<Item> arrayOutput =
        Combinators.combine(optText(), text(), extras())
            .as(
                (id, callId, extras) -> {
                  Map<String, JsonNode> withOutput = new LinkedHashMap<>(extras);
                  withOutput.put("output", Golden.tree("[{\"type\":\"input_text\",\"text\":\"r\"}]"));
                  return new FunctionCallOutputItem(id, callId, null, withOutput);
                });
    Arbitrary<Item> reasoning =
        Combinators.combine(optText(), parts(), optText(), optText(), extras())
            .as(ReasoningItem::new);
    Arbitrary<Item> unknown =
        Combinators.combine(
                Arbitraries.of("web_search_call", "item_reference", "x_custom"), extras())
            .as(
                (type, fields) -> {
                  ObjectNode json = NODES.objectNode();
                  json.put("type", type);
                  fields.forEach(json::set);
                  return new UnknownItem(type, json);
                });
    return Arbitraries.oneOf(message, call, output, arrayOutput, reasoning, unknown);
  }

  // ---- tools, usage, errors, responses ----

  static Arbitrary<Tool> tool() {
    Arbitrary<Tool> function =
        Combinators.combine(
                text(),
                optText(),
                nonNullJson().injectNull(0.3),
                Arbitraries.of(true, false).injectNull(0.3),
                extras())
            .as(FunctionTool::new);
    Arbitrary<Tool> other =
        extras()
            .map(
                fields -> {
                  ObjectNode json = NODES.objectNode();
                  json.put("type", "web_search");
                  fields.forEach(json::set);
                  return new OtherTool("web_search", json);
                });
    return Arbitraries.oneOf(function, other);
  }

  static Arbitrary<Map<String, Long>> details() {
    return Arbitraries.maps(
            Arbitraries.of("cached_tokens", "cache_write_tokens", "reasoning_tokens", "audio_tokens"),
            Arbitraries.longs().between(0, Long.MAX_VALUE))
        .ofMaxSize(3)
        .map(m -> (Map<String, Long>) new LinkedHashMap<>(m))
        .injectNull(0.3);
  }

  static Arbitrary<Usage> usage() {
    Arbitrary<Long> count = Arbitraries.longs().between(0, 1L << 40);
    return Combinators.combine(count, count, count, details(), details(), extras()).as(Usage::new);
  }

  static Arbitrary<Map<String, String>> stringMap() {
    return Arbitraries.maps(text(), text()).ofMaxSize(3).map(m -> (Map<String, String>) new LinkedHashMap<>(m));
  }

  static Arbitrary<ErrorDetail> errorDetail() {
    return Combinators.combine(optText(), optText(), optText(), optText(), stringMap().injectNull(0.6))
        .as(ErrorDetail::new);
  }

  static Arbitrary<JsonNode> toolChoice() {
    return Arbitraries.oneOf(
        Arbitraries.of("auto", "none", "required").map(TextNode::valueOf),
        Arbitraries.just(Golden.tree("{\"type\":\"function\",\"name\":\"run_tests\"}")));
  }

  static Arbitrary<Response> response() {
    return Builders.withBuilder(() -> Response.builder("resp"))
        .use(text()).in((b, v) -> b.id(v))
        .use(Arbitraries.just("response").injectNull(0.2)).in((b, v) -> b.object(v))
        .use(Arbitraries.longs().between(0, 1L << 40)).in((b, v) -> b.createdAt(v))
        .use(Arbitraries.of("completed", "failed", "in_progress", "incomplete", "queued")).withProbability(0.8).in((b, v) -> b.status(v))
        .use(Arbitraries.longs().between(0, 1L << 40)).withProbability(0.5).in((b, v) -> b.completedAt(v))
        .use(errorDetail()).withProbability(0.3).in((b, v) -> b.error(v))
        .use(optText().map(IncompleteDetails::new)).withProbability(0.3).in((b, v) -> b.incompleteDetails(v))
        .use(text()).withProbability(0.6).in((b, v) -> b.instructions(v))
        .use(text()).withProbability(0.8).in((b, v) -> b.model(v))
        .use(item().list().ofMaxSize(3)).in((b, v) -> b.output(v))
        .use(Arbitraries.of(true, false)).withProbability(0.7).in((b, v) -> b.parallelToolCalls(v))
        .use(text()).withProbability(0.4).in((b, v) -> b.previousResponseId(v))
        .use(Arbitraries.of(true, false)).withProbability(0.7).in((b, v) -> b.store(v))
        .use(tool().list().ofMaxSize(2)).withProbability(0.7).in((b, v) -> b.tools(v))
        .use(toolChoice()).withProbability(0.7).in((b, v) -> b.toolChoice(v))
        .use(usage()).withProbability(0.5).in((b, v) -> b.usage(v))
        .use(stringMap()).withProbability(0.6).in((b, v) -> b.metadata(v))
        .use(extras()).in((b, v) -> b.extras(v))
        .build(Response.Builder::build);
  }

  static Arbitrary<CreateRequest> createRequest() {
    Arbitrary<String> requestExtraKey =
        Arbitraries.of("prompt_cache_key", "client_metadata", "temperature", "service_tier", "x_a");
    Arbitrary<Map<String, JsonNode>> requestExtras =
        Arbitraries.maps(requestExtraKey, jsonValue()).ofMaxSize(3).map(LinkedHashMap::new);
    return Builders.withBuilder(CreateRequest::builder)
        .use(text()).withProbability(0.9).in((b, v) -> b.model(v))
        .use(item().list().ofMaxSize(4)).withProbability(0.9).in((b, v) -> b.input(v))
        .use(text()).withProbability(0.6).in((b, v) -> b.instructions(v))
        .use(tool().list().ofMaxSize(2)).withProbability(0.6).in((b, v) -> b.tools(v))
        .use(toolChoice()).withProbability(0.5).in((b, v) -> b.toolChoice(v))
        .use(Arbitraries.of(true, false)).withProbability(0.5).in((b, v) -> b.parallelToolCalls(v))
        .use(text()).withProbability(0.5).in((b, v) -> b.previousResponseId(v))
        .use(Arbitraries.of(true, false)).withProbability(0.5).in((b, v) -> b.store(v))
        .use(Arbitraries.of(true, false)).withProbability(0.5).in((b, v) -> b.stream(v))
        .use(text().list().ofMaxSize(2)).withProbability(0.4).in((b, v) -> b.include(v))
        .use(nonNullJson()).withProbability(0.4).in((b, v) -> b.reasoning(v))
        .use(nonNullJson()).withProbability(0.4).in((b, v) -> b.text(v))
        .use(stringMap()).withProbability(0.4).in((b, v) -> b.metadata(v))
        .use(Arbitraries.integers()).withProbability(0.4).in((b, v) -> b.maxOutputTokens(v))
        .use(Arbitraries.of(true, false)).withProbability(0.4).in((b, v) -> b.generate(v))
        .use(streamId()).in((b, v) -> b.streamId(v))
        .use(requestExtras).in((b, v) -> b.extras(v))
        .build(CreateRequest.Builder::build);
  }

  // ---- events ----

  static Arbitrary<ServerEvent> event() {
    Arbitrary<EventMeta> m = meta();
    Arbitrary<Integer> i = index();
    Arbitrary<String> t = text();
    Arbitrary<Response> r = response();
    return Arbitraries.oneOf(
        Combinators.combine(m, t, i, i, t).as(ServerEvent.OutputTextDelta::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.OutputTextDone::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.RefusalDelta::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.RefusalDone::new),
        Combinators.combine(m, t, i, t).as(ServerEvent.FunctionCallArgumentsDelta::new),
        Combinators.combine(m, t, i, optText(), t).as(ServerEvent.FunctionCallArgumentsDone::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.ReasoningSummaryTextDelta::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.ReasoningSummaryTextDone::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.ReasoningTextDelta::new),
        Combinators.combine(m, t, i, i, t).as(ServerEvent.ReasoningTextDone::new),
        Combinators.combine(m, t, i, i, part()).as(ServerEvent.ContentPartAdded::new),
        Combinators.combine(m, t, i, i, part()).as(ServerEvent.ContentPartDone::new),
        Combinators.combine(m, t, i, i, part()).as(ServerEvent.ReasoningSummaryPartAdded::new),
        Combinators.combine(m, t, i, i, part()).as(ServerEvent.ReasoningSummaryPartDone::new),
        Combinators.combine(m, i, item()).as(ServerEvent.OutputItemAdded::new),
        Combinators.combine(m, i, item()).as(ServerEvent.OutputItemDone::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseCreated::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseQueued::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseInProgress::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseCompleted::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseFailed::new),
        Combinators.combine(m, r).as(ServerEvent.ResponseIncomplete::new),
        Combinators.combine(m, optText(), optText(), optText())
            .as(
                (meta, code, message, param) ->
                    new ServerEvent.Error(
                        meta, null, ErrorDetail.of(null, code, message, param), ServerEvent.ErrorShape.FLAT)),
        Combinators.combine(m, Arbitraries.integers().between(100, 599).injectNull(0.2), errorDetail())
            .as((meta, status, error) -> new ServerEvent.Error(meta, status, error, ServerEvent.ErrorShape.NESTED)),
        unknownEvent());
  }

  private static Arbitrary<ServerEvent> unknownEvent() {
    return Combinators.combine(
            Arbitraries.of("response.steer.accepted", "response.web_search_call.in_progress", "x.custom"),
            sequenceNumber(),
            streamId(),
            extras())
        .as(
            (type, seq, sid, fields) -> {
              ObjectNode json = NODES.objectNode();
              json.put("type", type);
              if (seq != EventMeta.NO_SEQUENCE) {
                json.put("sequence_number", seq);
              }
              if (sid != null) {
                json.put("stream_id", sid);
              }
              fields.forEach(json::set);
              try {
                return new ServerEvent.Unknown(
                    new EventMeta(seq, sid, Map.of()), type, Golden.MAPPER.writeValueAsString(json));
              } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
              }
            });
  }
}
