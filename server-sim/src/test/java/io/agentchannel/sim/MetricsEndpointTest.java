package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SimSocket;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The {@code /metrics} and {@code /v1/sim/stats} pages of a running server. */
class MetricsEndpointTest {

  @Test
  void prometheusPageCountsTurnsByTransportAndOutcome() {
    Vertx vertx = Vertx.vertx();
    try (SimServer sim = SimServer.start(SimOptions.defaults())) {
      SimHttp http = new SimHttp(sim);
      http.stream(create("echo", "count me", true).toString());
      http.post(create("echo", "and me", false).toString());
      try (SimSocket socket = SimSocket.connect(vertx, sim)) {
        socket.send("{\"type\":\"response.create\",\"model\":\"echo\",\"input\":\"me too\"}");
        socket.untilTerminal();
      }

      HttpResponse<String> page = http.get("/metrics");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(page.body())
          .contains("# TYPE agentchannel_sim_turns_total counter")
          .contains("agentchannel_sim_turns_total{transport=\"http\",outcome=\"completed\"} 2")
          .contains(
              "agentchannel_sim_turns_total{transport=\"websocket\",outcome=\"completed\"} 1");
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void statsPageIsTheSnapshotAsJson() {
    try (SimServer sim = SimServer.start(SimOptions.defaults())) {
      SimHttp http = new SimHttp(sim);
      String id =
          json(http.post(create("echo", "first", false).toString()).body()).path("id").asText();
      http.post(create("echo", "second", false).put("previous_response_id", id).toString());
      http.post("{\"input\":\"no model\"}");

      HttpResponse<String> page = http.get("/v1/sim/stats");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode stats = json(page.body());
      assertThat(stats.path("turns_by_transport").path("http").asLong()).isEqualTo(2);
      assertThat(stats.path("turns_by_outcome").path("completed").asLong()).isEqualTo(2);
      assertThat(stats.path("rehydrations").asLong()).isEqualTo(1);
      assertThat(stats.path("errors_by_code").path("missing_required_parameter").asLong())
          .isEqualTo(1);
      assertThat(stats.path("connections_opened").asLong()).isPositive();
      assertThat(stats.path("latencies").path("http.turn").path("count").asLong()).isEqualTo(2);

      SimStats snapshot = sim.stats();
      assertThat(snapshot.turns(SimStats.TRANSPORT_HTTP)).isEqualTo(2);
      assertThat(snapshot.rehydrations()).isEqualTo(1);
      assertThat(snapshot.errors("missing_required_parameter")).isEqualTo(1);
    }
  }
}
