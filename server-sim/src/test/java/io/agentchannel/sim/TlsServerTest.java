package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.deltaText;
import static io.agentchannel.sim.HttpTestSupport.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SseEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server started with {@code tls(true)}: HTTPS and WSS with the certificate generated at start,
 * trusted by the clients explicitly, with verification left on.
 */
class TlsServerTest {

  private static SimServer sim;
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    sim = SimServer.start(SimOptions.builder().tls(true).build());
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    try {
      vertx.close().await();
    } finally {
      sim.close();
    }
  }

  @Test
  void urlsAreHttpsAndWss() {
    assertThat(sim.tls()).isTrue();
    assertThat(sim.baseUrl().getScheme()).isEqualTo("https");
    assertThat(sim.webSocketUrl().getScheme()).isEqualTo("wss");
    assertThat(sim.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
  }

  @Test
  void trustingClientStreamsAnAnswerOverHttps() {
    List<SseEvent> events =
        new SimHttp(sim).stream(create("echo", "secret handshake", true).toString());

    assertThat(types(events)).startsWith("response.created").endsWith("response.completed");
    assertThat(deltaText(events)).isEqualTo("echo: secret handshake");
  }

  @Test
  void trustingClientStreamsOverHttp2Too() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(sim.clientSslContext())
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<InputStream> response =
        client.send(
            post(create("echo", "over h2", true).toString()),
            HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    List<SseEvent> events = SimHttp.readEvents(response.body());
    assertThat(types(events)).endsWith("response.completed");
    assertThat(deltaText(events)).isEqualTo("echo: over h2");
  }

  @Test
  void defaultClientFailsTheHandshake() {
    HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    assertThatThrownBy(
            () ->
                untrusting.send(
                    post(create("echo", "who are you?", false).toString()),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void webSocketOverWssWithThePemTrusted() throws Exception {
    WebSocketClientOptions options =
        new WebSocketClientOptions()
            .setSsl(true)
            .setTrustOptions(
                new PemTrustOptions().addCertValue(Buffer.buffer(sim.certificatePem())));
    // Held until the end: Vert.x closes an unreachable client together with its connections.
    WebSocketClient client = vertx.createWebSocketClient(options);
    WebSocket ws =
        client
            .connect(
                new WebSocketConnectOptions()
                    .setHost(sim.host())
                    .setPort(sim.port())
                    .setURI("/v1/responses")
                    .setSsl(true))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    ws.textMessageHandler(frames::add);
    try {
      ObjectNode create = create("echo", "over wss", false);
      create.remove("stream");
      create.put("type", "response.create");
      ws.writeTextMessage(create.toString());

      List<JsonNode> received = new ArrayList<>();
      JsonNode frame;
      do {
        String text = frames.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("a frame within 10 s").isNotNull();
        frame = HttpTestSupport.json(text);
        received.add(frame);
      } while (!frame.path("type").asText().equals("response.completed"));
      assertThat(received.get(0).path("type").asText()).isEqualTo("response.created");
      assertThat(frame.path("response").path("output").get(0).path("content").get(0).path("text"))
          .hasToString("\"echo: over wss\"");
    } finally {
      ws.close();
      client.close();
    }
  }

  @Test
  void webSocketWithoutTrustFailsTheHandshake() {
    WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setSsl(true));
    try {
      assertThatThrownBy(
              () ->
                  client
                      .connect(
                          new WebSocketConnectOptions()
                              .setHost(sim.host())
                              .setPort(sim.port())
                              .setURI("/v1/responses")
                              .setSsl(true))
                      .toCompletionStage()
                      .toCompletableFuture()
                      .get(10, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SSLHandshakeException.class);
    } finally {
      client.close();
    }
  }

  private static HttpRequest post(String json) {
    return HttpRequest.newBuilder(sim.baseUrl().resolve("/v1/responses"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build();
  }
}
