package io.agentchannel.transport.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.error.ProtocolViolationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SseParserTest {

  private static final int LIMIT = 1 << 20;

  /** One dispatched event: name and data, decoded only here, in the test. */
  record Event(String name, String data) {}

  /** Collects every event; pauses after each one when {@code pauseEvery} is set. */
  static final class Collector implements SseParser.Listener {
    final List<Event> events = new ArrayList<>();
    boolean pauseEvery;

    @Override
    public boolean onEvent(String eventName, byte[] data, int offset, int length) {
      events.add(new Event(eventName, new String(data, offset, length, StandardCharsets.UTF_8)));
      return !pauseEvery;
    }
  }

  private static List<Event> parseWhole(String text) {
    return parseChunks(List.of(text.getBytes(StandardCharsets.UTF_8)), LIMIT);
  }

  private static List<Event> parseChunks(List<byte[]> chunks, int limit) {
    Collector collector = new Collector();
    SseParser parser = new SseParser(limit, collector);
    for (byte[] chunk : chunks) {
      parser.append(ByteBuffer.wrap(chunk));
      assertThat(parser.parse()).isTrue();
    }
    parser.finish();
    return collector.events;
  }

  /** Every way of cutting {@code bytes} into two pieces, plus one byte at a time. */
  private static void assertSameAtEveryBoundary(byte[] bytes, List<Event> expected) {
    for (int cut = 0; cut <= bytes.length; cut++) {
      byte[] head = java.util.Arrays.copyOfRange(bytes, 0, cut);
      byte[] tail = java.util.Arrays.copyOfRange(bytes, cut, bytes.length);
      assertThat(parseChunks(List.of(head, tail), LIMIT))
          .as("cut at byte %d", cut)
          .isEqualTo(expected);
    }
    List<byte[]> singles = new ArrayList<>();
    for (byte b : bytes) {
      singles.add(new byte[] {b});
    }
    assertThat(parseChunks(singles, LIMIT)).as("one byte at a time").isEqualTo(expected);
  }

  @Test
  void reads_event_and_data_lines_of_the_responses_framing() {
    List<Event> events =
        parseWhole(
            "event: response.created\ndata: {\"a\":1}\n\n"
                + "event: response.output_text.delta\ndata: {\"b\":2}\n\n");

    assertThat(events)
        .containsExactly(
            new Event("response.created", "{\"a\":1}"),
            new Event("response.output_text.delta", "{\"b\":2}"));
  }

  @Test
  void joins_multi_line_data_with_lf_and_ignores_comments_id_and_retry() {
    List<Event> events =
        parseWhole(": keep-alive\nid: 7\nretry: 1000\ndata: {\"a\":\ndata:1}\n: mid\n\n");

    assertThat(events).containsExactly(new Event(null, "{\"a\":\n1}"));
  }

  @Test
  void strips_exactly_one_space_after_the_colon_and_accepts_a_field_without_value() {
    assertThat(parseWhole("data:x\n\ndata:  y\n\ndata\n\n"))
        .containsExactly(new Event(null, "x"), new Event(null, " y"), new Event(null, ""));
  }

  @Test
  void accepts_crlf_cr_and_lf_line_ends_alike() {
    List<Event> expected = List.of(new Event("e", "1"), new Event("e", "2"));

    assertThat(parseWhole("event: e\r\ndata: 1\r\n\r\nevent: e\r\ndata: 2\r\n\r\n"))
        .isEqualTo(expected);
    assertThat(parseWhole("event: e\rdata: 1\r\revent: e\rdata: 2\r\r")).isEqualTo(expected);
    assertThat(parseWhole("event: e\ndata: 1\n\nevent: e\r\ndata: 2\r\r")).isEqualTo(expected);
  }

  @Test
  void dispatches_a_last_event_without_its_blank_line_at_the_end() {
    assertThat(parseWhole("data: 1\n\ndata: 2\n"))
        .containsExactly(new Event(null, "1"), new Event(null, "2"));
    assertThat(parseWhole("data: 1\n\ndata: 2"))
        .containsExactly(new Event(null, "1"), new Event(null, "2"));
  }

  @Test
  void skips_a_done_sentinel_and_blank_lines_without_data() {
    assertThat(parseWhole("\n\nevent: ping\n\ndata: 1\n\ndata: [DONE]\n\n"))
        .containsExactly(new Event(null, "1"));
  }

  @Test
  void gives_the_same_events_wherever_the_chunks_split_including_inside_utf8_and_crlf() {
    String text =
        "event: response.output_text.delta\r\n"
            + "data: {\"delta\":\"héllo wörld — 日本語 🚀\"}\r\n"
            + "\r\n"
            + ": comment\n"
            + "event: response.completed\r"
            + "data: {\"a\":\r"
            + "data: \"ok ✓\"}\r"
            + "\r"
            + "data: tail 🎉";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Event> expected =
        List.of(
            new Event("response.output_text.delta", "{\"delta\":\"héllo wörld — 日本語 🚀\"}"),
            new Event("response.completed", "{\"a\":\n\"ok ✓\"}"),
            new Event(null, "tail 🎉"));

    assertThat(parseWhole(text)).isEqualTo(expected);
    assertSameAtEveryBoundary(bytes, expected);
  }

  @Test
  void carries_a_big_event_across_many_random_chunks() {
    StringBuilder big = new StringBuilder();
    Random random = new Random(42);
    while (big.length() < 600_000) {
      big.append("ünïcødé-").append(random.nextInt());
    }
    String text = "event: big\ndata: " + big + "\n\ndata: after\n\n";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<byte[]> chunks = new ArrayList<>();
    for (int at = 0; at < bytes.length; ) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(20_000));
      chunks.add(java.util.Arrays.copyOfRange(bytes, at, at + n));
      at += n;
    }

    assertThat(parseChunks(chunks, LIMIT))
        .containsExactly(new Event("big", big.toString()), new Event(null, "after"));
  }

  @Test
  void an_event_over_the_limit_is_a_protocol_violation_naming_the_limit() {
    String text = "event: response.output_text.delta\ndata: " + "x".repeat(2000) + "\n\n";

    assertThatThrownBy(() -> parseWhole(text, 1000))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("1000 bytes")
        .hasMessageContaining("agentchannel.http.max-event-bytes")
        .hasMessageContaining("response.output_text.delta");
  }

  @Test
  void many_data_lines_adding_up_past_the_limit_are_refused_too() {
    String text = "data: 0123456789\n".repeat(200) + "\n";

    assertThatThrownBy(() -> parseWhole(text, 1000))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("1000 bytes");
  }

  @Test
  void a_line_that_never_ends_is_refused_before_the_parser_holds_more_than_the_limit() {
    Collector collector = new Collector();
    SseParser parser = new SseParser(4096, collector);
    byte[] chunk = "y".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    parser.append(ByteBuffer.wrap("data: ".getBytes(StandardCharsets.US_ASCII)));
    parser.parse();

    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100; i++) {
                parser.append(ByteBuffer.wrap(chunk));
                parser.parse();
                assertThat(parser.unparsedBytes()).isLessThanOrEqualTo(4096 + chunk.length);
              }
            })
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("4096 bytes");
  }

  @Test
  void a_line_that_is_not_sse_is_a_protocol_violation_quoting_it() {
    assertThatThrownBy(() -> parseWhole("{\"error\":\"not sse\"}\n\n"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("not a Server-Sent Events line")
        .hasMessageContaining("{\"error\":\"not sse\"}");
    assertThatThrownBy(() -> parseWhole("event: x\n<html>oops</html>\n"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("<html>oops</html>");
  }

  @Test
  void stops_right_after_an_event_when_the_listener_pauses_and_keeps_the_rest() {
    Collector collector = new Collector();
    collector.pauseEvery = true;
    SseParser parser = new SseParser(LIMIT, collector);
    parser.append(
        ByteBuffer.wrap("data: 1\n\ndata: 2\n\ndata: 3\n\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(parser.parse()).isFalse();
    assertThat(collector.events).containsExactly(new Event(null, "1"));
    assertThat(parser.unparsedBytes()).isEqualTo("data: 2\n\ndata: 3\n\n".length());

    assertThat(parser.parse()).isFalse();
    assertThat(collector.events).hasSize(2);

    collector.pauseEvery = false;
    assertThat(parser.parse()).isTrue();
    assertThat(collector.events)
        .containsExactly(new Event(null, "1"), new Event(null, "2"), new Event(null, "3"));
    assertThat(parser.unparsedBytes()).isZero();
  }

  @Test
  void a_pause_between_cr_and_lf_does_not_make_an_extra_blank_line() {
    Collector collector = new Collector();
    collector.pauseEvery = true;
    SseParser parser = new SseParser(LIMIT, collector);
    parser.append(ByteBuffer.wrap("data: 1\r\n\r".getBytes(StandardCharsets.UTF_8)));
    assertThat(parser.parse()).isFalse();
    collector.pauseEvery = false;
    parser.append(ByteBuffer.wrap("\ndata: 2\r\n\r\n".getBytes(StandardCharsets.UTF_8)));

    assertThat(parser.parse()).isTrue();
    assertThat(collector.events).containsExactly(new Event(null, "1"), new Event(null, "2"));
  }

  private static List<Event> parseWhole(String text, int limit) {
    return parseChunks(List.of(text.getBytes(StandardCharsets.UTF_8)), limit);
  }
}
