package io.agentchannel.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.IncompleteDetails;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.OtherTool;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import io.agentchannel.wire.model.Tool;
import io.agentchannel.wire.model.UnknownItem;
import io.agentchannel.wire.model.Usage;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of the wire model for the round-trip property tests. Every value is a pure
 * function of the {@link Random} it is drawn from, so a failing seed reproduces exactly.
 */
final class WireGenerators {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * Extra values, parsed from JSON text by a plain mapper so their node classes (IntNode, LongNode,
   * BigIntegerNode, DoubleNode, ...) are the ones a reader produces.
   */
  private static final List<String> JSON_VALUES =
      List.of(
          "1",
          "-5",
          "2147483648",
          "12345678901234567890123",
          "1.5",
          "1e300",
          "true",
          "false",
          "null",
          "\"s\"",
          "\"\\u0000\\ud83d\\ude00\\n\"",
          "[]",
          "{}",
          "[1,{\"a\":null}]",
          "{\"k\":[true,2.0,\"x\"],\"n\":{\"m\":-1}}");

  /** Keys no record types, so an extra never collides with a typed field. */
  private static final List<String> EXTRA_KEYS =
      List.of("x_a", "x_b", "obfuscation", "logprobs", "annotations", "x-trace", "ünïcödé", "");

  private static final List<String> SYMBOLS =
      List.of("\"", "\\", "/", "\u2028", "\u00e9", "\u4e2d", "\ufeff", "\u007f", " ");

  private static final String ALNUM =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Random random;

  WireGenerators(long seed) {
    this.random = new Random(seed);
  }

  // ---- primitives ----

  private boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  private <T> T maybe(double probability, java.util.function.Supplier<T> value) {
    return chance(probability) ? value.get() : null;
  }

  private <T> T oneOf(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private Boolean optBoolean() {
    return chance(0.3) ? null : random.nextBoolean();
  }

  private long longBetween(long min, long max) {
    return min + (long) (random.nextDouble() * (max - min));
  }

  private <T> List<T> listOf(int maxSize, java.util.function.Supplier<T> element) {
    int size = random.nextInt(maxSize + 1);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  private <K, V> Map<K, V> mapOf(
      int maxSize, java.util.function.Supplier<K> key, java.util.function.Supplier<V> value) {
    Map<K, V> map = new LinkedHashMap<>();
    int size = random.nextInt(maxSize + 1);
    for (int i = 0; i < size; i++) {
      map.put(key.get(), value.get());
    }
    return map;
  }

  /** Text mixing ASCII, control characters, JSON-special characters, BMP and surrogate pairs. */
  String text() {
    StringBuilder text = new StringBuilder();
    int pieces = random.nextInt(7);
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(5)) {
        case 0 -> {
          int length = random.nextInt(7);
          for (int c = 0; c < length; c++) {
            text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
          }
        }
        case 1 -> text.append((char) random.nextInt(0x20));
        case 2 -> text.append(oneOf(SYMBOLS));
        case 3 ->
            text.appendCodePoint(
                (int)
                    longBetween(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT));
        default -> text.append((char) longBetween(0x00a0, 0xd7ff));
      }
    }
    return text.toString();
  }

  String optText() {
    return chance(0.3) ? null : text();
  }

  JsonNode jsonValue() {
    return Golden.tree(oneOf(JSON_VALUES));
  }

  /** A JSON value that is not null (typed JsonNode fields read a JSON null as absent). */
  JsonNode nonNullJson() {
    JsonNode value;
    do {
      value = jsonValue();
    } while (value.isNull());
    return value;
  }

  Map<String, JsonNode> extras() {
    return mapOf(3, () -> oneOf(EXTRA_KEYS), this::jsonValue);
  }

  String streamId() {
    if (chance(0.5)) {
      return null;
    }
    if (chance(0.5)) {
      return text();
    }
    String chars = "abcxyzABCXYZ0189_.-";
    StringBuilder id = new StringBuilder();
    int length = 1 + random.nextInt(16);
    for (int i = 0; i < length; i++) {
      id.append(chars.charAt(random.nextInt(chars.length())));
    }
    return id.toString();
  }

  long sequenceNumber() {
    return switch (random.nextInt(3)) {
      case 0 -> EventMeta.NO_SEQUENCE;
      case 1 -> random.nextInt(41);
      default -> random.nextLong() & Long.MAX_VALUE;
    };
  }

  EventMeta meta() {
    return new EventMeta(sequenceNumber(), streamId(), extras());
  }

  int index() {
    return chance(0.5) ? random.nextInt(6) : random.nextInt();
  }

  // ---- items ----

  ContentPart part() {
    return new ContentPart(
        oneOf(List.of("input_text", "output_text", "summary_text", "refusal", "input_image")),
        optText(),
        extras());
  }

  List<ContentPart> parts() {
    return listOf(3, this::part);
  }

  Item item() {
    return switch (random.nextInt(6)) {
      case 0 ->
          new MessageItem(
              optText(),
              oneOf(List.of("user", "assistant", "system", "developer")),
              optText(),
              parts(),
              extras());
      case 1 -> new FunctionCallItem(optText(), text(), text(), text(), optText(), extras());
      case 2 -> new FunctionCallOutputItem(optText(), text(), text(), extras());
      case 3 -> {
        Map<String, JsonNode> withOutput = new LinkedHashMap<>(extras());
        withOutput.put("output", Golden.tree("[{\"type\":\"input_text\",\"text\":\"r\"}]"));
        yield new FunctionCallOutputItem(optText(), text(), null, withOutput);
      }
      case 4 -> new ReasoningItem(optText(), parts(), optText(), optText(), extras());
      default -> {
        String type = oneOf(List.of("web_search_call", "item_reference", "x_custom"));
        ObjectNode json = NODES.objectNode();
        json.put("type", type);
        extras().forEach(json::set);
        yield new UnknownItem(type, json);
      }
    };
  }

  // ---- tools, usage, errors, responses ----

  Tool tool() {
    if (chance(0.5)) {
      return new FunctionTool(
          text(), optText(), chance(0.3) ? null : nonNullJson(), optBoolean(), extras());
    }
    ObjectNode json = NODES.objectNode();
    json.put("type", "web_search");
    extras().forEach(json::set);
    return new OtherTool("web_search", json);
  }

  Map<String, Long> details() {
    if (chance(0.3)) {
      return null;
    }
    return mapOf(
        3,
        () ->
            oneOf(
                List.of("cached_tokens", "cache_write_tokens", "reasoning_tokens", "audio_tokens")),
        () -> random.nextLong() & Long.MAX_VALUE);
  }

  Usage usage() {
    long bound = 1L << 40;
    return new Usage(
        longBetween(0, bound),
        longBetween(0, bound),
        longBetween(0, bound),
        details(),
        details(),
        extras());
  }

  Map<String, String> stringMap() {
    return mapOf(3, this::text, this::text);
  }

  ErrorDetail errorDetail() {
    return new ErrorDetail(
        optText(), optText(), optText(), optText(), chance(0.6) ? null : stringMap(), extras());
  }

  JsonNode toolChoice() {
    return chance(0.5)
        ? TextNode.valueOf(oneOf(List.of("auto", "none", "required")))
        : Golden.tree("{\"type\":\"function\",\"name\":\"run_tests\"}");
  }

  Response response() {
    Response.Builder b = Response.builder(text());
    if (chance(0.2)) {
      b.object(null);
    }
    b.createdAt(longBetween(0, 1L << 40));
    b.status(
        maybe(
            0.8,
            () -> oneOf(List.of("completed", "failed", "in_progress", "incomplete", "queued"))));
    b.completedAt(maybe(0.5, () -> longBetween(0, 1L << 40)));
    b.error(maybe(0.3, this::errorDetail));
    b.incompleteDetails(maybe(0.3, () -> new IncompleteDetails(optText(), extras())));
    b.instructions(maybe(0.6, this::text));
    b.model(maybe(0.8, this::text));
    b.output(listOf(3, this::item));
    b.parallelToolCalls(maybe(0.7, random::nextBoolean));
    b.previousResponseId(maybe(0.4, this::text));
    b.store(maybe(0.7, random::nextBoolean));
    b.tools(maybe(0.7, () -> listOf(2, this::tool)));
    b.toolChoice(maybe(0.7, this::toolChoice));
    b.usage(maybe(0.5, this::usage));
    b.metadata(maybe(0.6, this::stringMap));
    b.extras(extras());
    return b.build();
  }

  CreateRequest createRequest() {
    CreateRequest.Builder b = CreateRequest.builder();
    b.model(maybe(0.9, this::text));
    b.input(maybe(0.9, () -> listOf(4, this::item)));
    b.instructions(maybe(0.6, this::text));
    b.tools(maybe(0.6, () -> listOf(2, this::tool)));
    b.toolChoice(maybe(0.5, this::toolChoice));
    b.parallelToolCalls(maybe(0.5, random::nextBoolean));
    b.previousResponseId(maybe(0.5, this::text));
    b.store(maybe(0.5, random::nextBoolean));
    b.stream(maybe(0.5, random::nextBoolean));
    b.include(maybe(0.4, () -> listOf(2, this::text)));
    b.reasoning(maybe(0.4, this::nonNullJson));
    b.text(maybe(0.4, this::nonNullJson));
    b.metadata(maybe(0.4, this::stringMap));
    b.maxOutputTokens(maybe(0.4, random::nextInt));
    b.generate(maybe(0.4, random::nextBoolean));
    b.streamId(streamId());
    b.extras(
        mapOf(
            3,
            () ->
                oneOf(
                    List.of(
                        "prompt_cache_key",
                        "client_metadata",
                        "temperature",
                        "service_tier",
                        "x_a")),
            this::jsonValue));
    return b.build();
  }

  // ---- events ----

  ServerEvent event() {
    EventMeta m = meta();
    return switch (random.nextInt(25)) {
      case 0 -> new ServerEvent.OutputTextDelta(m, text(), index(), index(), text());
      case 1 -> new ServerEvent.OutputTextDone(m, text(), index(), index(), text());
      case 2 -> new ServerEvent.RefusalDelta(m, text(), index(), index(), text());
      case 3 -> new ServerEvent.RefusalDone(m, text(), index(), index(), text());
      case 4 -> new ServerEvent.FunctionCallArgumentsDelta(m, text(), index(), text());
      case 5 -> new ServerEvent.FunctionCallArgumentsDone(m, text(), index(), optText(), text());
      case 6 -> new ServerEvent.ReasoningSummaryTextDelta(m, text(), index(), index(), text());
      case 7 -> new ServerEvent.ReasoningSummaryTextDone(m, text(), index(), index(), text());
      case 8 -> new ServerEvent.ReasoningTextDelta(m, text(), index(), index(), text());
      case 9 -> new ServerEvent.ReasoningTextDone(m, text(), index(), index(), text());
      case 10 -> new ServerEvent.ContentPartAdded(m, text(), index(), index(), part());
      case 11 -> new ServerEvent.ContentPartDone(m, text(), index(), index(), part());
      case 12 -> new ServerEvent.ReasoningSummaryPartAdded(m, text(), index(), index(), part());
      case 13 -> new ServerEvent.ReasoningSummaryPartDone(m, text(), index(), index(), part());
      case 14 -> new ServerEvent.OutputItemAdded(m, index(), item());
      case 15 -> new ServerEvent.OutputItemDone(m, index(), item());
      case 16 -> new ServerEvent.ResponseCreated(m, response());
      case 17 -> new ServerEvent.ResponseQueued(m, response());
      case 18 -> new ServerEvent.ResponseInProgress(m, response());
      case 19 -> new ServerEvent.ResponseCompleted(m, response());
      case 20 -> new ServerEvent.ResponseFailed(m, response());
      case 21 -> new ServerEvent.ResponseIncomplete(m, response());
      case 22 ->
          new ServerEvent.Error(
              m,
              null,
              ErrorDetail.of(null, optText(), optText(), optText()),
              ServerEvent.ErrorShape.FLAT);
      case 23 ->
          new ServerEvent.Error(
              m,
              chance(0.2) ? null : (int) longBetween(100, 600),
              errorDetail(),
              ServerEvent.ErrorShape.NESTED);
      default -> unknownEvent();
    };
  }

  private ServerEvent unknownEvent() {
    String type =
        oneOf(
            List.of("response.steer.accepted", "response.web_search_call.in_progress", "x.custom"));
    long seq = sequenceNumber();
    String sid = streamId();
    ObjectNode json = NODES.objectNode();
    json.put("type", type);
    if (seq != EventMeta.NO_SEQUENCE) {
      json.put("sequence_number", seq);
    }
    if (sid != null) {
      json.put("stream_id", sid);
    }
    extras().forEach(json::set);
    try {
      return new ServerEvent.Unknown(
          new EventMeta(seq, sid, Map.of()), type, Golden.MAPPER.writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
