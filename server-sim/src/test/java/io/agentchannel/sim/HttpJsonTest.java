package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.RESPONSE_KEYS;
import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static io.agentchannel.sim.HttpTestSupport.toolLoop;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/responses} without {@code stream}: one JSON Response object as the body. */
class HttpJsonTest extends SharedServerHttpTest {

  @Test
  void textAnswerIsOneCompleteResponseObject() {
    ObjectNode request = create("echo", "plain json please", false);
    request.put("instructions", "Be brief.");
    request.putObject("metadata").put("case", "json");
    HttpResponse<String> response = http.post(request.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = json(response.body());
    for (String key : RESPONSE_KEYS) {
      assertThat(body.has(key)).as(key).isTrue();
    }
    assertThat(body.path("id").asText()).startsWith("resp_");
    assertThat(body.path("object").asText()).isEqualTo("response");
    assertThat(body.path("status").asText()).isEqualTo("completed");
    assertThat(body.path("instructions").asText()).isEqualTo("Be brief.");
    assertThat(body.path("metadata").path("case").asText()).isEqualTo("json");
    assertThat(body.path("error").isNull()).isTrue();
    JsonNode content = body.path("output").get(0).path("content").get(0);
    assertThat(content.path("type").asText()).isEqualTo("output_text");
    assertThat(content.path("text").asText()).isEqualTo("echo: plain json please");
    JsonNode usage = body.path("usage");
    assertThat(usage.path("total_tokens").asLong())
        .isEqualTo(usage.path("input_tokens").asLong() + usage.path("output_tokens").asLong());
  }

  @Test
  void functionCallComesWholeInTheOutput() {
    HttpResponse<String> response =
        http.post(toolLoop("[sim tool_calls=2 calls_per_turn=2] both at once", false).toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode output = json(response.body()).path("output");
    assertThat(output.size()).isEqualTo(2);
    for (int i = 0; i < 2; i++) {
      JsonNode call = output.get(i);
      assertThat(call.path("type").asText()).isEqualTo("function_call");
      assertThat(call.path("call_id").asText()).isNotBlank();
      assertThat(json(call.path("arguments").asText()).path("step").asInt()).isEqualTo(i + 1);
    }
    assertThat(output.get(0).path("call_id").asText())
        .isNotEqualTo(output.get(1).path("call_id").asText());
  }

  @Test
  void maxOutputTokensGivesAnIncompleteResponse() {
    ObjectNode request = create("echo", "[sim answer_tokens=30] long", false);
    request.put("max_output_tokens", 16);
    HttpResponse<String> response = http.post(request.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.path("status").asText()).isEqualTo("incomplete");
    assertThat(body.path("incomplete_details").path("reason").asText())
        .isEqualTo("max_output_tokens");
    assertThat(body.path("usage").path("output_tokens").asLong()).isEqualTo(16);
  }
}
