package io.agentchannel.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.model.ServerEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BadInputTest {

  private static final WireCodec CODEC = WireCodec.shared();
  private static final String DELTA = "response.output_text.delta";

  private static ProtocolViolationException readFails(String frame) {
    ProtocolViolationException fromText =
        catchThrowableOfType(ProtocolViolationException.class, () -> CODEC.readEvent(frame));
    assertThat(fromText).as("reading %s", frame).isNotNull();
    byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
    ProtocolViolationException fromBytes =
        catchThrowableOfType(
            ProtocolViolationException.class, () -> CODEC.readEvent(utf8, 0, utf8.length));
    assertThat(fromBytes).as("reading bytes of %s", frame).isNotNull();
    // Jackson words some syntax errors differently for bytes and chars; the rest must agree.
    if (fromText.getMessage().startsWith("malformed JSON")) {
      assertThat(fromBytes.getMessage()).startsWith("malformed JSON");
    } else {
      assertThat(fromBytes.getMessage()).isEqualTo(fromText.getMessage());
    }
    assertThat(fromBytes.eventType()).isEqualTo(fromText.eventType());
    assertThat(fromBytes.excerpt()).isEqualTo(fromText.excerpt());
    return fromText;
  }

  private static String delta(String fields) {
    return "{\"type\":\"" + DELTA + "\",\"sequence_number\":4," + fields + "}";
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "hello",
        "{",
        "{\"type\":\"response.output_text.delta\",\"delta\":\"abc",
        "{\"type\":\"error\",}",
        "{\"type\" \"error\"}",
        "{'type':'error'}"
      })
  void notJsonOrTruncated(String frame) {
    ProtocolViolationException e = readFails(frame);

    assertThat(e.getMessage()).startsWith("malformed JSON");
    assertThat(e.getCause()).isNotNull();
    assertThat(e.excerpt()).isEqualTo(frame);
  }

  @Test
  void truncatedFrameNamesTheTypeWhenAlreadyRead() {
    ProtocolViolationException e =
        readFails("{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",");

    assertThat(e.eventType()).isEqualTo("response.completed");
    assertThat(e.getMessage()).contains("[event type: response.completed]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1,2]", "\"response.created\"", "42", "null", "true"})
  void notAnObject(String frame) {
    assertThat(readFails(frame).getMessage()).contains("expected a JSON object");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void empty(String frame) {
    assertThat(readFails(frame).getMessage()).contains("empty frame");
  }

  @Test
  void theOffendingFieldIsExposedAsAPath() {
    ProtocolViolationException e =
        assertThrows(
            ProtocolViolationException.class,
            () ->
                WireCodec.shared()
                    .readCreateRequest(
                        "{\"model\":\"m\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":7,\"output\":\"x\"}]}"));

    assertThat(e.field()).isEqualTo("input[0].call_id");
  }

  @Test
  void aWholeInputProblemHasNoField() {
    ProtocolViolationException e =
        assertThrows(
            ProtocolViolationException.class,
            () -> WireCodec.shared().readCreateRequest("{\"model\":"));

    assertThat(e.field()).isNull();
  }

  @Test
  void trailingContent() {
    assertThat(readFails("{\"type\":\"x.y\"}{\"type\":\"x.z\"}").getMessage())
        .contains("after the event object");
  }

  @Test
  void missingType() {
    ProtocolViolationException e = readFails("{\"sequence_number\":1,\"delta\":\"x\"}");

    assertThat(e.getMessage()).contains("'type'").contains("missing");
    assertThat(e.eventType()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "null", "{}", "[\"error\"]", "true"})
  void typeNotAString(String type) {
    ProtocolViolationException e = readFails("{\"sequence_number\":1,\"type\":" + type + "}");

    assertThat(e.getMessage()).contains("'type'").contains("expected a string");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"item_id\":\"m\",\"output_index\":\"x\",\"content_index\":0,\"delta\":\"d\"   | output_index | a string",
        "\"item_id\":\"m\",\"output_index\":1.5,\"content_index\":0,\"delta\":\"d\"     | output_index | a number",
        "\"item_id\":\"m\",\"output_index\":9999999999,\"content_index\":0,\"delta\":\"d\" | output_index | an integer",
        "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":5         | delta        | an integer",
        "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":[\"a\"]   | delta        | an array",
        "\"item_id\":7,\"output_index\":0,\"content_index\":0,\"delta\":\"d\"         | item_id      | an integer",
        "\"item_id\":\"m\",\"output_index\":0,\"content_index\":{},\"delta\":\"d\"    | content_index | an object",
      })
  void wrongFieldTypeOnKnownEvent(String fields, String field, String found) {
    ProtocolViolationException e = readFails(delta(fields));

    assertThat(e.getMessage())
        .contains("'" + field.trim() + "'")
        .contains("found " + found.trim())
        .contains("[event type: " + DELTA + "]");
    assertThat(e.eventType()).isEqualTo(DELTA);
  }

  @Test
  void wrongFieldTypeBeforeTheTypeIsKnown() {
    ProtocolViolationException e =
        readFails(
            "{\"delta\":5,\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"type\":\""
                + DELTA
                + "\"}");

    assertThat(e.getMessage()).contains("'delta'").contains("expected a string").contains(DELTA);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"resp_1\"", "5", "null"})
  void responseNotAnObject(String value) {
    ProtocolViolationException e =
        readFails(
            "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":" + value + "}");

    assertThat(e.getMessage()).contains("'response'").contains("response.created");
  }

  @Test
  void responseArrayBeforeType() {
    assertThat(readFails("{\"response\":[],\"type\":\"response.completed\"}").getMessage())
        .contains("'response'")
        .contains("expected an object but found an array")
        .contains("response.completed");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"sequence_number\":\"1\" | sequence_number",
        "\"sequence_number\":-1    | sequence_number",
        "\"sequence_number\":1.0   | sequence_number",
        "\"stream_id\":5           | stream_id",
        "\"stream_id\":{}          | stream_id",
      })
  void wrongEnvelopeTypesFailEvenOnUnknownEvents(String field, String name) {
    assertThat(
            readFails("{\"type\":\"response.steer.accepted\"," + field.trim() + "}").getMessage())
        .contains("'" + name.trim() + "'")
        .contains("response.steer.accepted");
    assertThat(
            readFails(
                    delta(
                        field.trim()
                            + ",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"d\""))
                .getMessage())
        .contains("'" + name.trim() + "'");
  }

  @Test
  void nestedFieldErrorsNameTheirPath() {
    String badCall =
        "{\"type\":\"response.completed\",\"sequence_number\":9,\"response\":{\"id\":\"r\",\"output\":["
            + "{\"type\":\"reasoning\",\"id\":\"rs\",\"summary\":[]},"
            + "{\"type\":\"function_call\",\"id\":\"fc\",\"name\":\"run\",\"arguments\":\"{}\"}]}}";
    assertThat(readFails(badCall).getMessage())
        .contains("'response.output[1].call_id'")
        .contains("missing")
        .contains("response.completed");

    String badUsage =
        "{\"type\":\"response.completed\",\"response\":{\"id\":\"r\",\"usage\":{\"input_tokens\":\"many\"}}}";
    assertThat(readFails(badUsage).getMessage()).contains("'response.usage.input_tokens'");

    String badPart =
        "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"message\",\"role\":\"assistant\","
            + "\"content\":[{\"type\":\"output_text\",\"text\":\"a\"},{\"text\":\"b\"}]}}";
    assertThat(readFails(badPart).getMessage()).contains("'item.content[1].type'");

    String badTool =
        "{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"tools\":[{\"type\":\"function\",\"name\":3}]}}";
    assertThat(readFails(badTool).getMessage()).contains("'response.tools[0].name'");

    String badMetadata =
        "{\"type\":\"response.created\",\"response\":{\"id\":\"r\",\"metadata\":{\"k\":1}}}";
    assertThat(readFails(badMetadata).getMessage()).contains("'response.metadata.k'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0} | delta",
        "{\"type\":\"response.output_text.delta\",\"output_index\":0,\"content_index\":0,\"delta\":\"d\"} | item_id",
        "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":null} | delta",
        "{\"type\":\"response.output_text.delta\",\"item_id\":\"m\",\"content_index\":0,\"delta\":\"d\"} | output_index",
        "{\"type\":\"response.output_item.added\",\"output_index\":0} | item",
        "{\"type\":\"response.created\",\"sequence_number\":0} | response",
        "{\"type\":\"response.content_part.added\",\"item_id\":\"m\",\"output_index\":0,\"content_index\":0} | part",
        "{\"type\":\"response.function_call_arguments.done\",\"item_id\":\"fc\",\"output_index\":0,\"name\":\"n\"} | arguments",
        "{\"type\":\"response.reasoning_summary_text.delta\",\"item_id\":\"rs\",\"output_index\":0,\"delta\":\"d\"} | summary_index",
        "{\"type\":\"response.completed\",\"response\":{\"status\":\"completed\"}} | response.id",
        "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"message\",\"content\":[]}} | item.role",
        "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"function_call_output\",\"call_id\":\"c\"}} | item.output",
        "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"id\":\"x\"}} | item.type",
      })
  void knownEventMissingARequiredField(String frame, String field) {
    ProtocolViolationException e = readFails(frame);

    assertThat(e.getMessage()).contains("'" + field.trim() + "'").contains("missing");
    assertThat(e.eventType()).isNotNull();
    assertThat(e.getMessage()).contains("[event type: " + e.eventType() + "]");
  }

  @Test
  void errorEventWithANonObjectError() {
    assertThat(readFails("{\"type\":\"error\",\"status\":400,\"error\":\"boom\"}").getMessage())
        .contains("'error'")
        .contains("expected an object");
    assertThat(readFails("{\"type\":\"error\",\"status\":\"bad\",\"error\":{}}").getMessage())
        .contains("'status'");
    assertThat(readFails("{\"type\":\"error\",\"code\":42,\"message\":\"m\"}").getMessage())
        .contains("'code'");
  }

  @Test
  void hugeFramesGiveABoundedExcerpt() {
    String payload = "a".repeat(1 << 20);
    String wrongType =
        delta(
            "\"item_id\":\"m\",\"output_index\":\"x\",\"content_index\":0,\"delta\":\""
                + payload
                + "\"");
    String truncated =
        delta("\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"" + payload);
    String notJson = payload;

    for (String frame : new String[] {wrongType, truncated, notJson}) {
      ProtocolViolationException e = readFails(frame);
      assertThat(e.excerpt().length())
          .isLessThanOrEqualTo(ProtocolViolationException.MAX_EXCERPT + 20);
      assertThat(e.excerpt()).startsWith(frame.substring(0, 50)).endsWith("chars)");
      assertThat(e.getMessage().length()).isLessThan(1200);
    }
  }

  @Test
  void unknownFieldsNeverFail() {
    ServerEvent delta =
        CODEC.readEvent(
            delta(
                "\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"d\",\"response\":[],\"part\":5,\"status\":\"odd\",\"future\":{\"x\":[1]}"));
    assertThat(delta).isInstanceOf(ServerEvent.OutputTextDelta.class);
    assertThat(delta.meta().extras()).containsOnlyKeys("response", "part", "status", "future");

    String beforeTypeFrame =
        "{\"part\":5,\"response\":[],\"text\":7,\"item_id\":\"m\",\"output_index\":0,\"content_index\":0,\"delta\":\"d\",\"type\":\""
            + DELTA
            + "\"}";
    ServerEvent beforeType = CODEC.readEvent(beforeTypeFrame);
    assertThat(beforeType.meta().extras()).containsOnlyKeys("part", "response", "text");
    assertThat(Golden.tree(CODEC.writeEvent(beforeType))).isEqualTo(Golden.tree(beforeTypeFrame));

    ServerEvent unknown =
        CODEC.readEvent(
            "{\"type\":\"response.audio.delta\",\"delta\":5,\"response\":[],\"output_index\":\"x\"}");
    assertThat(unknown).isInstanceOf(ServerEvent.Unknown.class);
  }

  @Test
  void createFrameWithTheWrongType() {
    ProtocolViolationException wrong =
        catchThrowableOfType(
            ProtocolViolationException.class,
            () ->
                CODEC.readCreateFrame(
                    "{\"type\":\"response.steer\",\"previous_response_id\":\"r\",\"input\":\"stop\"}"));
    assertThat(wrong.getMessage()).contains("response.steer").contains("response.create");
    assertThat(wrong.eventType()).isEqualTo("response.steer");

    assertThatThrownBy(() -> CODEC.readCreateFrame("{\"model\":\"m\"}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'type'")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> CODEC.readCreateFrame("{\"type\":5}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'type'");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"model\":\"m\",\"input\":5}                         | 'input'",
        "{\"model\":\"m\",\"input\":[{\"content\":\"x\"}]}     | 'input[0].type'",
        "{\"model\":7}                                         | 'model'",
        "{\"tools\":[{\"name\":\"x\"}]}                        | 'tools[0].type'",
        "{\"max_output_tokens\":\"x\"}                         | 'max_output_tokens'",
        "{\"store\":\"yes\"}                                   | 'store'",
        "{\"include\":[1]}                                     | 'include[0]'",
        "{\"metadata\":{\"a\":{}}}                             | 'metadata.a'",
        "[]                                                    | expected a JSON object",
        "{\"model\":\"m\"                                      | malformed JSON",
      })
  void badCreateRequests(String body, String expected) {
    assertThatThrownBy(() -> CODEC.readCreateRequest(body.trim()))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining(expected.trim());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"message\":\"m\"}                     | 'error'",
        "{\"error\":\"m\"}                       | 'error'",
        "{\"error\":{\"message\":5}}             | 'error.message'",
        "{\"error\":{\"headers\":{\"a\":1}}}     | 'error.headers.a'",
      })
  void badErrorBodies(String body, String expected) {
    assertThatThrownBy(() -> CODEC.readErrorBody(body.trim()))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining(expected.trim());
  }

  @Test
  void badResponsesAndItems() {
    assertThatThrownBy(() -> CODEC.readResponse("{\"object\":\"response\"}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'id'");
    assertThatThrownBy(() -> CODEC.readResponse("{\"id\":\"r\",\"created_at\":\"now\"}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'created_at'");
    assertThatThrownBy(() -> CODEC.readItem("{\"type\":\"function_call\",\"call_id\":\"c\"}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'name'");
    assertThatThrownBy(
            () -> CODEC.readItem("{\"type\":\"message\",\"role\":\"user\",\"content\":5}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'content'");
    assertThatThrownBy(() -> CODEC.readItem("{}"))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("'type'");
  }

  @Test
  void nullInputIsAViolationNotAnNpe() {
    assertThatThrownBy(() -> CODEC.readEvent((String) null))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readEvent(null, 0, 0))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readCreateRequest(null))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readCreateFrame(null))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readResponse(null))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readErrorBody(null))
        .isInstanceOf(ProtocolViolationException.class);
    assertThatThrownBy(() -> CODEC.readItem(null)).isInstanceOf(ProtocolViolationException.class);
  }
}
