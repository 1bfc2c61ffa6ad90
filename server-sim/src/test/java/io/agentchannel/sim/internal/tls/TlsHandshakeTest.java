package io.agentchannel.sim.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket.Listener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real TLS handshakes on 127.0.0.1: a Vert.x server with a generated certificate, and JDK and
 * Vert.x clients that trust exactly that certificate, with certificate and host-name verification
 * left on.
 */
class TlsHandshakeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The JDK's host-name check failing, as opposed to the certificate not being trusted. */
  private static final String NO_IP_SAN = "No subject alternative names matching IP address";

  private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

  /** Names only {@code localhost}: a client connecting to 127.0.0.1 must refuse it. */
  private static final SelfSignedCertificate LOCALHOST_ONLY =
      SelfSignedCertificate.generate(List.of("localhost"));

  private static Vertx vertx;
  private static int port;
  private static int localhostOnlyPort;

  @BeforeAll
  static void startServers() throws Exception {
    vertx = Vertx.vertx();
    port = start(CERT);
    localhostOnlyPort = start(LOCALHOST_ONLY);
  }

  @AfterAll
  static void closeVertx() throws Exception {
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void jdk_client_trusting_the_certificate_connects_by_ip_and_by_name() throws Exception {
    HttpClient client = jdkClient(CERT.clientSslContext());

    for (String host : List.of("127.0.0.1", "localhost")) {
      HttpResponse<String> response = get(client, "https://" + host + ":" + port + "/");
      assertThat(response.statusCode()).as(host).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok over TLS");
    }
  }

  @Test
  void jdk_client_with_system_trust_refuses_the_certificate() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    assertThatThrownBy(() -> get(client, "https://127.0.0.1:" + port + "/"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("unable to find valid certification path");
  }

  @Test
  void jdk_client_checks_the_host_name_against_the_subject_alt_names() throws Exception {
    HttpClient client = jdkClient(LOCALHOST_ONLY.clientSslContext());

    assertThat(get(client, "https://localhost:" + localhostOnlyPort + "/").statusCode())
        .isEqualTo(200);
    assertThatThrownBy(() -> get(client, "https://127.0.0.1:" + localhostOnlyPort + "/"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining(NO_IP_SAN);
  }

  @Test
  void vertx_client_trusting_the_certificate_connects_by_ip_and_by_name() throws Exception {
    HttpClientAgent client = vertxClient(CERT.trustOptions());
    try {
      for (String host : List.of("127.0.0.1", "localhost")) {
        assertThat(await(vertxGet(client, host, port))).as(host).isEqualTo("200 ok over TLS");
      }
    } finally {
      await(client.close());
    }
  }

  @Test
  void vertx_client_refuses_another_certificate_and_a_host_not_named() throws Exception {
    HttpClientAgent strangers = vertxClient(SelfSignedCertificate.generate().trustOptions());
    HttpClientAgent localhostOnly = vertxClient(LOCALHOST_ONLY.trustOptions());
    try {
      // Every generated certificate has the same subject, so the JDK tries the stranger's key as
      // the issuer's and fails on the signature.
      assertThatThrownBy(() -> await(vertxGet(strangers, "127.0.0.1", port)))
          .isInstanceOf(SSLHandshakeException.class)
          .hasStackTraceContaining("signature check failed");
      assertThat(await(vertxGet(localhostOnly, "localhost", localhostOnlyPort)))
          .isEqualTo("200 ok over TLS");
      assertThatThrownBy(() -> await(vertxGet(localhostOnly, "127.0.0.1", localhostOnlyPort)))
          .isInstanceOf(SSLHandshakeException.class)
          .hasStackTraceContaining(NO_IP_SAN);
    } finally {
      await(strangers.close());
      await(localhostOnly.close());
    }
  }

  @Test
  void vertx_websocket_client_talks_over_wss() throws Exception {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setSsl(true).setTrustOptions(CERT.trustOptions()));
    try {
      WebSocket socket =
          await(
              client.connect(
                  new WebSocketConnectOptions()
                      .setHost("127.0.0.1")
                      .setPort(port)
                      .setURI("/ws")
                      .setSsl(true)));
      CompletableFuture<String> reply = new CompletableFuture<>();
      socket.textMessageHandler(reply::complete);
      await(socket.writeTextMessage("hello"));

      assertThat(socket.isSsl()).isTrue();
      assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("echo hello");
      await(socket.close());
    } finally {
      await(client.close());
    }
  }

  @Test
  void jdk_websocket_client_talks_over_wss() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    Listener listener =
        new Listener() {
          @Override
          public CompletionStage<?> onText(
              java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
            reply.complete(data.toString());
            return null;
          }
        };
    java.net.http.WebSocket socket =
        jdkClient(CERT.clientSslContext())
            .newWebSocketBuilder()
            .connectTimeout(TIMEOUT)
            .buildAsync(URI.create("wss://localhost:" + port + "/ws"), listener)
            .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

    socket.sendText("hello", true);
    assertThat(reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("echo hello");
    socket.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done");
  }

  private static int start(SelfSignedCertificate cert) throws Exception {
    HttpServer server =
        vertx
            .createHttpServer(
                new HttpServerOptions().setSsl(true).setKeyCertOptions(cert.keyCertOptions()))
            .requestHandler(request -> request.response().end("ok over TLS"))
            .webSocketHandler(
                socket ->
                    socket.textMessageHandler(text -> socket.writeTextMessage("echo " + text)));
    return await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private static HttpClient jdkClient(SSLContext sslContext) {
    return HttpClient.newBuilder().sslContext(sslContext).connectTimeout(TIMEOUT).build();
  }

  private static HttpResponse<String> get(HttpClient client, String uri) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpClientAgent vertxClient(PemTrustOptions trust) {
    return vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust));
  }

  private static Future<String> vertxGet(HttpClientAgent client, String host, int port) {
    return client
        .request(HttpMethod.GET, port, host, "/")
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode() + " " + body));
  }

  private static <T> T await(Future<T> future) throws Exception {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
