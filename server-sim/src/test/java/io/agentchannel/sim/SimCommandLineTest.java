package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.InFlightPolicy;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class SimCommandLineTest {

  @Test
  void everyFlagReachesTheOptions() {
    SimOptions o =
        SimCommandLine.parse(
                List.of(
                    "--host",
                    "0.0.0.0",
                    "--port=9000",
                    "--profile",
                    "openai-like",
                    "--websocket",
                    "v1",
                    "--in-flight",
                    "reject",
                    "--api-key",
                    "sk-a",
                    "--seed",
                    "7",
                    "--model",
                    "tool-loop",
                    "--tool-calls",
                    "5",
                    "--network",
                    "rtt=40ms,bandwidth=100mbit",
                    "--tls",
                    "--fault-rate",
                    "close_after:3=0.01",
                    "--connection-limit",
                    "90s",
                    "--event-loops",
                    "1"),
                Map.of("AGENTCHANNEL_SIM_API_KEYS", "sk-b, sk-c"))
            .options();

    assertThat(o.host()).isEqualTo("0.0.0.0");
    assertThat(o.port()).isEqualTo(9000);
    assertThat(o.cost()).isEqualTo(CostProfile.openAiLike());
    assertThat(o.webSocketMode()).isEqualTo(WebSocketMode.V1);
    assertThat(o.inFlightPolicy()).isEqualTo(InFlightPolicy.REJECT);
    assertThat(o.apiKeys()).containsExactlyInAnyOrder("sk-a", "sk-b", "sk-c");
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.defaultModel()).isEqualTo("tool-loop");
    assertThat(o.toolCalls()).isEqualTo(5);
    assertThat(o.network().roundTrip()).isEqualTo(Duration.ofMillis(40));
    assertThat(o.tls()).isTrue();
    assertThat(o.faultRates()).containsEntry("close_after:3", 0.01);
    assertThat(o.connectionLimit()).isEqualTo(Duration.ofSeconds(90));
    assertThat(o.eventLoops()).isEqualTo(1);
  }

  @Test
  void mistakesNameTheFlag() {
    assertThatThrownBy(() -> SimCommandLine.parse(List.of("--profile", "fast"), Map.of()))
        .hasMessageContaining("--profile")
        .hasMessageContaining("openai-like");
    assertThatThrownBy(() -> SimCommandLine.parse(List.of("--port"), Map.of()))
        .hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> SimCommandLine.parse(List.of("--colour", "red"), Map.of()))
        .hasMessageContaining("--colour");
    assertThatThrownBy(() -> SimCommandLine.parse(List.of("--connection-limit", "soon"), Map.of()))
        .hasMessageContaining("--connection-limit");
    assertThatThrownBy(() -> SimCommandLine.parse(List.of("--fault-rate", "explode=1"), Map.of()))
        .hasMessageContaining("--fault-rate")
        .hasMessageContaining("explode");
  }

  @Test
  void theOptionsNeverPrintAKey() {
    SimOptions o = SimOptions.builder().apiKeys("sk-secret-value").build();

    assertThat(o.toString()).doesNotContain("sk-secret-value").contains("1 redacted");
  }

  @Test
  void mainServesUntilStoppedAndReportsBadFlagsWithExitCode2() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    var executor = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> exit =
          executor.submit(
              () ->
                  SimMain.run(
                      List.of("--port", "0", "--api-key", "sk-main"),
                      Map.of(),
                      new PrintStream(out, true, StandardCharsets.UTF_8),
                      new PrintStream(err, true, StandardCharsets.UTF_8),
                      stop));
      Pattern url = Pattern.compile("listening on (http://\\S+)");
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> url.matcher(out.toString(StandardCharsets.UTF_8)).find());
      Matcher m = url.matcher(out.toString(StandardCharsets.UTF_8));
      assertThat(m.find()).isTrue();
      String root = m.group(1).replace("/v1", "");
      HttpResponse<String> metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(root + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("sk-main");

      stop.countDown();
      assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    } finally {
      executor.shutdownNow();
    }
    assertThat(
            SimMain.run(
                List.of("--nope"),
                Map.of(),
                new PrintStream(out),
                new PrintStream(err),
                new CountDownLatch(0)))
        .isEqualTo(2);
  }
}
