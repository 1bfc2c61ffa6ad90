package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.ResponseConnection;
import com.openai.core.http.StreamResponse;
import com.openai.core.http.WebSocketHandshakeException;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputMessage;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import com.openai.models.responses.ResponsesClientEvent;
import com.openai.models.responses.ResponsesServerEvent;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The official OpenAI Java SDK as a real peer of the simulator, over real sockets: it must parse
 * every event, response and error the simulator sends as the typed values it parses from the
 * service, never as its unknown-JSON fallback, and {@code validate()} must accept them.
 *
 * <p>An event of an unknown {@code type} still deserializes, with every typed accessor empty, and
 * only {@code validate()} rejects it; so besides validating, each event's kind is read through the
 * typed {@code isX()} accessors only: one that none of them claims is {@code unknown} and fails the
 * expected sequence.
 */
@Timeout(60)
class OfficialClientTest {

  private static final String KEY = "sk-test-official-client";
  private static final String TOOL = "lookup";

  private static SimServer sim;
  private static OpenAIClient client;

  @BeforeAll
  static void start() {
    sim = SimServer.start(SimOptions.builder().apiKeys(KEY).build());
    client = clientWith(KEY);
  }

  @AfterAll
  static void stop() {
    try {
      if (client != null) {
        client.close();
      }
    } finally {
      if (sim != null) {
        sim.close();
      }
    }
  }

  private static OpenAIClient clientWith(String apiKey) {
    // No retries: a refused request must surface as the SDK's typed exception at once.
    return OpenAIOkHttpClient.builder()
        .apiKey(apiKey)
        .baseUrl(sim.baseUrl().toString())
        .maxRetries(0)
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  private static FunctionTool lookupTool() {
    return FunctionTool.builder()
        .name(TOOL)
        .description("Looks a key up.")
        .parameters(
            FunctionTool.Parameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty(
                    "properties", JsonValue.from(Map.of("key", Map.of("type", "string"))))
                .build())
        .strict(false)
        .build();
  }

  @Test
  void streamed_text_answer_is_a_sequence_of_typed_valid_events() {
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model("echo")
            .input("hello from the official client [sim answer_tokens=12]")
            .build();

    List<ResponseStreamEvent> events = stream(params);

    assertThat(collapseDeltas(kinds(events)))
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    assertSequenceNumbersFromZero(events);
    assertThat(events.get(0).asCreated().response().status()).contains(ResponseStatus.IN_PROGRESS);

    String deltas =
        events.stream()
            .filter(ResponseStreamEvent::isOutputTextDelta)
            .map(e -> e.asOutputTextDelta().delta())
            .collect(Collectors.joining());
    String done =
        events.stream()
            .filter(ResponseStreamEvent::isOutputTextDone)
            .findFirst()
            .orElseThrow()
            .asOutputTextDone()
            .text();
    Response completed = events.get(events.size() - 1).asCompleted().response();
    assertThat(deltas).isNotEmpty().isEqualTo(done).isEqualTo(outputText(completed));
    assertThat(events.stream().filter(ResponseStreamEvent::isOutputTextDelta).count())
        .isGreaterThan(1);
    assertThat(completed.status()).contains(ResponseStatus.COMPLETED);
    assertUsage(completed);
  }

  @Test
  void streamed_function_calls_continue_by_previous_response_id_to_the_digest() {
    ResponseCreateParams first =
        ResponseCreateParams.builder()
            .model("tool-loop")
            .input("look two keys up [sim tool_calls=2]")
            .addTool(lookupTool())
            .store(true)
            .build();

    List<FunctionCallOutputItem> sent = new ArrayList<>();
    List<ResponseStreamEvent> events = stream(first);
    for (int turn = 1; turn <= 2; turn++) {
      assertThat(collapseDeltas(kinds(events)))
          .as("turn %d", turn)
          .containsExactly(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.function_call_arguments.delta",
              "response.function_call_arguments.done",
              "response.output_item.done",
              "response.completed");
      assertSequenceNumbersFromZero(events);
      ResponseFunctionToolCall added = events.get(2).asOutputItemAdded().item().asFunctionCall();
      assertThat(added.arguments()).isEmpty();
      assertThat(added.name()).isEqualTo(TOOL);
      String deltas =
          events.stream()
              .filter(ResponseStreamEvent::isFunctionCallArgumentsDelta)
              .map(e -> e.asFunctionCallArgumentsDelta().delta())
              .collect(Collectors.joining());
      String done =
          events.stream()
              .filter(ResponseStreamEvent::isFunctionCallArgumentsDone)
              .findFirst()
              .orElseThrow()
              .asFunctionCallArgumentsDone()
              .arguments();
      Response completed = events.get(events.size() - 1).asCompleted().response();
      ResponseFunctionToolCall call = onlyFunctionCall(completed);
      assertThat(deltas).isEqualTo(done).isEqualTo(call.arguments()).contains("\"step\":" + turn);
      assertThat(call.callId()).isEqualTo(added.callId());
      assertUsage(completed);

      String output = "value of step " + turn;
      sent.add(FunctionCallOutputItem.of(call.callId(), output));
      events =
          stream(
              ResponseCreateParams.builder()
                  .model("tool-loop")
                  .previousResponseId(completed.id())
                  .inputOfResponse(List.of(functionCallOutput(call.callId(), output)))
                  .addTool(lookupTool())
                  .store(true)
                  .build());
    }

    assertThat(collapseDeltas(kinds(events))).last().isEqualTo("response.completed");
    Response answer = events.get(events.size() - 1).asCompleted().response();
    assertThat(outputText(answer)).isEqualTo(ToolLoopDigest.answer(sent));

    // Stored, so the SDK can read it back and delete it like the service's.
    Response retrieved = client.responses().retrieve(answer.id()).validate();
    assertThat(outputText(retrieved)).isEqualTo(outputText(answer));
    client.responses().delete(answer.id());
    assertThatThrownBy(() -> client.responses().retrieve(answer.id()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void websocket_mode_warm_up_and_two_turn_function_call_without_store() {
    try (ResponseConnection connection = client.responses().connect()) {
      // generate:false warms the connection up: no output, but an id the next turn chains from.
      send(
          connection,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("tool-loop")
              .addTool(lookupTool())
              .store(false)
              .generate(false)
              .build());
      List<ResponsesServerEvent> warmUp = receiveTurn(connection);
      assertThat(serverKinds(warmUp))
          .containsExactly("response.created", "response.in_progress", "response.completed");
      Response warm = warmUp.get(warmUp.size() - 1).asResponseCompleted().response();
      assertThat(warm.output()).isEmpty();

      send(
          connection,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("tool-loop")
              .previousResponseId(warm.id())
              .input("look one key up [sim tool_calls=1]")
              .addTool(lookupTool())
              .store(false)
              .build());
      List<ResponsesServerEvent> first = receiveTurn(connection);
      assertThat(collapseDeltas(serverKinds(first)))
          .containsExactly(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.function_call_arguments.delta",
              "response.function_call_arguments.done",
              "response.output_item.done",
              "response.completed");
      Response calling = first.get(first.size() - 1).asResponseCompleted().response();
      ResponseFunctionToolCall call = onlyFunctionCall(calling);
      assertUsage(calling);

      // Only the tool output: the rest of the conversation lives in the connection's cache.
      String output = "{\"key\":\"k1\",\"value\":42}";
      send(
          connection,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("tool-loop")
              .previousResponseId(calling.id())
              .inputOfResponse(List.of(functionCallOutput(call.callId(), output)))
              .addTool(lookupTool())
              .store(false)
              .build());
      List<ResponsesServerEvent> second = receiveTurn(connection);
      assertThat(collapseDeltas(serverKinds(second)))
          .containsExactly(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.content_part.added",
              "response.output_text.delta",
              "response.output_text.done",
              "response.content_part.done",
              "response.output_item.done",
              "response.completed");
      Response answer = second.get(second.size() - 1).asResponseCompleted().response();
      assertThat(outputText(answer))
          .isEqualTo(
              ToolLoopDigest.answer(List.of(FunctionCallOutputItem.of(call.callId(), output))));
      assertUsage(answer);
    }
  }

  @Test
  void websocket_lanes_carry_their_stream_id_on_every_event() {
    try (ResponseConnection connection = client.responses().connect();
        ResponseConnection.Lane alpha = connection.lane("alpha");
        ResponseConnection.Lane beta = connection.lane("beta")) {
      send(
          alpha::send,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("echo")
              .input("first lane")
              .store(false)
              .build());
      send(
          beta::send,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("echo")
              .input("second lane")
              .store(false)
              .build());

      assertThat(outputText(receiveLane(alpha, "alpha"))).isEqualTo("echo: first lane");
      assertThat(outputText(receiveLane(beta, "beta"))).isEqualTo("echo: second lane");
    }
  }

  /** A lane's events up to its {@code response.completed}, each tagged with the lane's id. */
  private static Response receiveLane(ResponseConnection.Lane lane, String streamId) {
    ResponsesServerEvent event;
    do {
      event = lane.receive();
      event.validate();
      assertThat(serverKind(event)).isNotIn("unknown", "error");
      assertThat(event.streamId()).contains(streamId);
    } while (!event.isResponseCompleted());
    return event.asResponseCompleted().response();
  }

  @Test
  void websocket_error_frame_is_a_typed_error_event() {
    try (ResponseConnection connection = client.responses().connect()) {
      send(
          connection,
          ResponsesClientEvent.ResponseCreate.builder()
              .model("echo")
              .previousResponseId("resp_unknown")
              .input("hi")
              .store(false)
              .build());
      ResponsesServerEvent event = connection.receive();
      event.validate();
      assertThat(event.isValid()).isTrue();
      assertThat(serverKind(event)).isEqualTo("error");
      ResponsesServerEvent.ResponseWsError error = event.asError();
      assertThat(error.status()).contains(400L);
      assertThat(error.error().code()).contains("previous_response_not_found");
      assertThat(error.error().param()).contains("previous_response_id");
    }
  }

  @Test
  void non_streaming_create_returns_a_valid_response() {
    Response response =
        client
            .responses()
            .create(ResponseCreateParams.builder().model("echo").input("plain request").build());

    response.validate();
    assertThat(response.isValid()).isTrue();
    assertThat(response.status()).contains(ResponseStatus.COMPLETED);
    assertThat(outputText(response)).isEqualTo("echo: plain request");
    assertUsage(response);
  }

  @Test
  void wrong_api_key_is_the_typed_401_on_http_and_on_the_upgrade() {
    OpenAIClient wrong = clientWith("sk-test-wrong");
    try {
      ResponseCreateParams params =
          ResponseCreateParams.builder().model("echo").input("hi").build();
      assertThatThrownBy(() -> wrong.responses().create(params))
          .isInstanceOfSatisfying(
              UnauthorizedException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(401);
                assertThat(e.type()).isPresent();
              });
      assertThatThrownBy(
              () -> {
                try (ResponseConnection connection = wrong.responses().connect()) {
                  send(
                      connection,
                      ResponsesClientEvent.ResponseCreate.builder()
                          .model("echo")
                          .input("hi")
                          .build());
                  connection.receive();
                }
              })
          .isInstanceOfSatisfying(
              WebSocketHandshakeException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
    } finally {
      wrong.close();
    }
  }

  @Test
  void injected_429_is_the_typed_rate_limit_exception() {
    ResponseCreateParams params =
        ResponseCreateParams.builder()
            .model("echo")
            .input("hi")
            .putAdditionalHeader("x-sim-fault", "status:429:1")
            .build();

    assertThatThrownBy(() -> client.responses().create(params))
        .isInstanceOfSatisfying(
            RateLimitException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(429);
              assertThat(e.headers().values("retry-after")).containsExactly("1");
            });
  }

  private static List<ResponseStreamEvent> stream(ResponseCreateParams params) {
    List<ResponseStreamEvent> events = new ArrayList<>();
    try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params)) {
      stream.stream()
          .forEach(
              e -> {
                e.validate();
                assertThat(e.isValid()).isTrue();
                events.add(e);
              });
    }
    return events;
  }

  /** The events of one turn: up to and including its {@code response.completed}. */
  private static List<ResponsesServerEvent> receiveTurn(ResponseConnection connection) {
    List<ResponsesServerEvent> events = new ArrayList<>();
    ResponsesServerEvent event;
    do {
      event = connection.receive();
      event.validate();
      assertThat(event.isValid()).isTrue();
      assertThat(serverKind(event)).isNotEqualTo("unknown");
      assertThat(event.isError()).as("error frame %s", event).isFalse();
      events.add(event);
    } while (!event.isResponseCompleted());
    return events;
  }

  /**
   * Sends once the SDK accepts the write. Its bounded send buffer refuses a create with {@code
   * Busy}, writing nothing, while an earlier write is still pending: on loopback a create that
   * follows the previous turn's {@code response.completed} at once, or a second lane's create right
   * after the first. Retrying is therefore safe.
   */
  private static void send(ResponseConnection connection, ResponsesClientEvent.ResponseCreate c) {
    send(connection::send, c);
  }

  private static void send(
      Consumer<ResponsesClientEvent> sender, ResponsesClientEvent.ResponseCreate c) {
    ResponsesClientEvent event = ResponsesClientEvent.ofResponseCreate(c);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .ignoreExceptionsMatching(WebSocketWriteNotAttempted.Busy.class::isInstance)
        .untilAsserted(() -> sender.accept(event));
  }

  private static ResponseInputItem functionCallOutput(String callId, String output) {
    return ResponseInputItem.ofFunctionCallOutput(
        ResponseInputItem.FunctionCallOutput.builder().callId(callId).output(output).build());
  }

  private static String outputText(Response response) {
    return response.output().stream()
        .filter(ResponseOutputItem::isMessage)
        .flatMap(item -> item.asMessage().content().stream())
        .filter(ResponseOutputMessage.Content::isOutputText)
        .map(content -> content.asOutputText().text())
        .collect(Collectors.joining());
  }

  private static ResponseFunctionToolCall onlyFunctionCall(Response response) {
    assertThat(response.output()).hasSize(1);
    assertThat(response.output().get(0).isFunctionCall()).isTrue();
    ResponseFunctionToolCall call = response.output().get(0).asFunctionCall();
    assertThat(call.name()).isEqualTo(TOOL);
    return call;
  }

  private static void assertUsage(Response response) {
    ResponseUsage usage = response.usage().orElseThrow();
    assertThat(usage.inputTokens()).isPositive();
    assertThat(usage.outputTokens()).isPositive();
    assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
  }

  private static void assertSequenceNumbersFromZero(List<ResponseStreamEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      assertThat(sequenceNumber(events.get(i))).as("event %d", i).isEqualTo(i);
    }
  }

  private static List<String> kinds(List<ResponseStreamEvent> events) {
    return events.stream().map(OfficialClientTest::kind).toList();
  }

  private static List<String> serverKinds(List<ResponsesServerEvent> events) {
    return events.stream().map(OfficialClientTest::serverKind).toList();
  }

  /** Runs of the same delta kind as one entry, so a sequence can be compared exactly. */
  private static List<String> collapseDeltas(List<String> kinds) {
    List<String> collapsed = new ArrayList<>();
    for (String kind : kinds) {
      boolean repeat =
          !collapsed.isEmpty()
              && kind.endsWith(".delta")
              && collapsed.get(collapsed.size() - 1).equals(kind);
      if (!repeat) {
        collapsed.add(kind);
      }
    }
    return collapsed;
  }

  /** The wire type of an SSE event as the SDK typed it; {@code unknown} when no variant did. */
  private static String kind(ResponseStreamEvent e) {
    if (e.isCreated()) {
      return "response.created";
    } else if (e.isInProgress()) {
      return "response.in_progress";
    } else if (e.isOutputItemAdded()) {
      return "response.output_item.added";
    } else if (e.isContentPartAdded()) {
      return "response.content_part.added";
    } else if (e.isOutputTextDelta()) {
      return "response.output_text.delta";
    } else if (e.isOutputTextDone()) {
      return "response.output_text.done";
    } else if (e.isContentPartDone()) {
      return "response.content_part.done";
    } else if (e.isFunctionCallArgumentsDelta()) {
      return "response.function_call_arguments.delta";
    } else if (e.isFunctionCallArgumentsDone()) {
      return "response.function_call_arguments.done";
    } else if (e.isOutputItemDone()) {
      return "response.output_item.done";
    } else if (e.isCompleted()) {
      return "response.completed";
    } else if (e.isFailed()) {
      return "response.failed";
    } else if (e.isIncomplete()) {
      return "response.incomplete";
    } else if (e.isError()) {
      return "error";
    }
    return "unknown";
  }

  private static long sequenceNumber(ResponseStreamEvent e) {
    if (e.isCreated()) {
      return e.asCreated().sequenceNumber();
    } else if (e.isInProgress()) {
      return e.asInProgress().sequenceNumber();
    } else if (e.isOutputItemAdded()) {
      return e.asOutputItemAdded().sequenceNumber();
    } else if (e.isContentPartAdded()) {
      return e.asContentPartAdded().sequenceNumber();
    } else if (e.isOutputTextDelta()) {
      return e.asOutputTextDelta().sequenceNumber();
    } else if (e.isOutputTextDone()) {
      return e.asOutputTextDone().sequenceNumber();
    } else if (e.isContentPartDone()) {
      return e.asContentPartDone().sequenceNumber();
    } else if (e.isFunctionCallArgumentsDelta()) {
      return e.asFunctionCallArgumentsDelta().sequenceNumber();
    } else if (e.isFunctionCallArgumentsDone()) {
      return e.asFunctionCallArgumentsDone().sequenceNumber();
    } else if (e.isOutputItemDone()) {
      return e.asOutputItemDone().sequenceNumber();
    } else if (e.isCompleted()) {
      return e.asCompleted().sequenceNumber();
    }
    throw new AssertionError("no sequence number read for " + kind(e));
  }

  /** The wire type of a WebSocket-mode event as the SDK typed it; {@code unknown} otherwise. */
  private static String serverKind(ResponsesServerEvent e) {
    if (e.isResponseCreated()) {
      return "response.created";
    } else if (e.isResponseInProgress()) {
      return "response.in_progress";
    } else if (e.isResponseOutputItemAdded()) {
      return "response.output_item.added";
    } else if (e.isResponseContentPartAdded()) {
      return "response.content_part.added";
    } else if (e.isResponseOutputTextDelta()) {
      return "response.output_text.delta";
    } else if (e.isResponseOutputTextDone()) {
      return "response.output_text.done";
    } else if (e.isResponseContentPartDone()) {
      return "response.content_part.done";
    } else if (e.isResponseFunctionCallArgumentsDelta()) {
      return "response.function_call_arguments.delta";
    } else if (e.isResponseFunctionCallArgumentsDone()) {
      return "response.function_call_arguments.done";
    } else if (e.isResponseOutputItemDone()) {
      return "response.output_item.done";
    } else if (e.isResponseCompleted()) {
      return "response.completed";
    } else if (e.isResponseFailed()) {
      return "response.failed";
    } else if (e.isResponseIncomplete()) {
      return "response.incomplete";
    } else if (e.isError()) {
      return "error";
    }
    return "unknown";
  }
}
