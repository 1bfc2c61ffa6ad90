package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A streamed turn over HTTP/2 (TLS with ALPN) with a cost profile is recorded as completed and
 * stored, so an HTTP continuation finds it. Ending an HTTP/2 stream fires its close handler at
 * once; the turn must be recorded before that, or it counts as cancelled and is never stored.
 */
class Http2StoreTest {

  @Test
  void aStreamedHttp2TurnIsStoredAndCanBeContinued() throws Exception {
    CostProfile slow =
        new CostProfile(
            Duration.ofMillis(5),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(5),
            Duration.ofMillis(1),
            0);
    try (SimServer sim =
        SimServer.start(SimOptions.builder().tls(true).apiKeys("sk-test").cost(slow).build())) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_2)
              .sslContext(sim.clientSslContext())
              .build();
      HttpResponse<String> first =
          client.send(
              post(sim, "{\"model\":\"echo\",\"stream\":true,\"input\":\"hi\"}"),
              HttpResponse.BodyHandlers.ofString());
      assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
      Matcher id = Pattern.compile("\"id\":\"(resp_[0-9a-f]+)\"").matcher(first.body());
      assertThat(id.find()).isTrue();

      HttpResponse<String> next =
          client.send(
              post(
                  sim,
                  "{\"model\":\"echo\",\"input\":\"again\",\"previous_response_id\":\""
                      + id.group(1)
                      + "\"}"),
              HttpResponse.BodyHandlers.ofString());

      assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
      assertThat(sim.stats().turnsByOutcome().get("completed")).isEqualTo(2L);
    }
  }

  private static HttpRequest post(SimServer sim, String body) {
    return HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/responses"))
        .header("Authorization", "Bearer sk-test")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
