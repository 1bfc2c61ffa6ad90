package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.assertError;
import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET} and {@code DELETE /v1/responses/{id}}, and what {@code store} decides. */
class StoredResponsesTest extends SharedServerHttpTest {

  @Test
  void storedResponseCanBeReadAndDeleted() {
    JsonNode created = json(http.post(create("echo", "keep me", false).toString()).body());
    String id = created.path("id").asText();

    HttpResponse<String> got = http.get("/v1/responses/" + id);
    assertThat(got.statusCode()).isEqualTo(200);
    JsonNode stored = json(got.body());
    assertThat(stored.path("id").asText()).isEqualTo(id);
    assertThat(stored.path("status").asText()).isEqualTo("completed");
    assertThat(stored.path("output")).isEqualTo(created.path("output"));
    assertThat(stored.path("usage")).isEqualTo(created.path("usage"));

    HttpResponse<String> deleted = http.delete("/v1/responses/" + id);
    assertThat(deleted.statusCode()).isEqualTo(200);
    JsonNode ack = json(deleted.body());
    assertThat(ack.path("id").asText()).isEqualTo(id);
    assertThat(ack.path("object").asText()).isEqualTo("response.deleted");
    assertThat(ack.path("deleted").asBoolean()).isTrue();

    JsonNode error = assertError(http.get("/v1/responses/" + id), 404);
    assertThat(error.path("message").asText()).contains(id);
    assertError(http.delete("/v1/responses/" + id), 404);
  }

  @Test
  void streamedResponseIsStoredToo() {
    String id =
        HttpTestSupport.terminalResponse(http.stream(create("echo", "streamed", true).toString()))
            .path("id")
            .asText();

    HttpResponse<String> got = http.get("/v1/responses/" + id);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(json(got.body()).path("output").get(0).path("content").get(0).path("text").asText())
        .isEqualTo("echo: streamed");
  }

  @Test
  void unstoredResponseIsNeitherRetrievableNorChainable() {
    ObjectNode request = create("echo", "forget me", false);
    request.put("store", false);
    JsonNode created = json(http.post(request.toString()).body());
    String id = created.path("id").asText();
    assertThat(created.path("store").asBoolean(true)).isFalse();

    assertError(http.get("/v1/responses/" + id), 404);

    ObjectNode next = create("echo", "and then?", false);
    next.put("previous_response_id", id);
    JsonNode error = assertError(http.post(next.toString()), 400);
    assertThat(error.path("code").asText()).isEqualTo("previous_response_not_found");
    assertThat(error.path("param").asText()).isEqualTo("previous_response_id");
    assertThat(error.path("type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void continuationSeesTheStoredConversation() {
    String id =
        json(http.post(create("echo", "first", false).toString()).body()).path("id").asText();
    ObjectNode next = create("echo", "second", false);
    next.put("previous_response_id", id);
    HttpResponse<String> response = http.post(next.toString());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response.body());
    assertThat(body.path("previous_response_id").asText()).isEqualTo(id);
    // The usage bills the whole context, so the continuation's input includes the first turn.
    JsonNode alone = json(http.post(create("echo", "second", false).toString()).body());
    assertThat(body.path("usage").path("input_tokens").asLong())
        .isGreaterThan(alone.path("usage").path("input_tokens").asLong());
  }
}
