package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SseEvent;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;

/** Request bodies and assertions shared by the HTTP-side integration tests. */
final class HttpTestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  /** Every key the specification requires on a Response object. */
  static final List<String> RESPONSE_KEYS =
      List.of(
          "id",
          "object",
          "created_at",
          "status",
          "error",
          "incomplete_details",
          "instructions",
          "model",
          "output",
          "parallel_tool_calls",
          "metadata",
          "tool_choice",
          "temperature",
          "top_p",
          "tools");

  private HttpTestSupport() {}

  /** A create body: {@code model}, one user message, and {@code stream}. */
  static ObjectNode create(String model, String text, boolean stream) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("stream", stream);
    body.putArray("input").add(userMessage(text));
    return body;
  }

  static ObjectNode userMessage(String text) {
    ObjectNode message = JSON.createObjectNode();
    message.put("type", "message");
    message.put("role", "user");
    message.putArray("content").addObject().put("type", "input_text").put("text", text);
    return message;
  }

  /** A {@code tool-loop} request offering one function tool. */
  static ObjectNode toolLoop(String text, boolean stream) {
    ObjectNode body = create("tool-loop", text, stream);
    addTool(body);
    return body;
  }

  static void addTool(ObjectNode body) {
    ObjectNode tool = body.putArray("tools").addObject();
    tool.put("type", "function");
    tool.put("name", "lookup");
    tool.put("description", "Looks a value up.");
    ObjectNode parameters = tool.putObject("parameters");
    parameters.put("type", "object");
    parameters.putObject("properties").putObject("step").put("type", "integer");
  }

  /** The continuation of {@code previousId} answering {@code call} with {@code output}. */
  static ObjectNode toolOutput(String previousId, JsonNode call, String output, boolean stream) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", "tool-loop");
    body.put("stream", stream);
    body.put("previous_response_id", previousId);
    addTool(body);
    ArrayNode input = body.putArray("input");
    input
        .addObject()
        .put("type", "function_call_output")
        .put("call_id", call.path("call_id").asText())
        .put("output", output);
    return body;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new UncheckedIOException(new java.io.IOException("not JSON: " + text, e));
    }
  }

  /** A valid request still gets its answer: the server survived whatever came before. */
  static void assertServes(SimHttp http) {
    HttpResponse<String> response = http.post(create("echo", "still there?", false).toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json(response.body()).path("status").asText()).isEqualTo("completed");
  }

  /**
   * Asserts the service's error answer: the status, and a body {@code {"error":{message, type,
   * param, code}}} with all four keys present.
   *
   * @return the error object
   */
  static JsonNode assertError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode error = json(response.body()).path("error");
    assertThat(error.isObject()).as(response.body()).isTrue();
    for (String key : List.of("message", "type", "param", "code")) {
      assertThat(error.has(key)).as("error." + key + " in " + response.body()).isTrue();
    }
    assertThat(error.path("message").asText()).isNotBlank();
    return error;
  }

  /** The text the deltas of a streamed text answer add up to. */
  static String deltaText(List<SseEvent> events) {
    StringBuilder text = new StringBuilder();
    for (SseEvent e : events) {
      if (e.type().equals("response.output_text.delta")) {
        text.append(e.json().path("delta").asText());
      }
    }
    return text.toString();
  }

  static List<String> types(List<SseEvent> events) {
    return events.stream().map(SseEvent::type).toList();
  }

  /** The final Response object of a streamed answer: the terminal event's {@code response}. */
  static JsonNode terminalResponse(List<SseEvent> events) {
    return events.get(events.size() - 1).json().path("response");
  }
}
