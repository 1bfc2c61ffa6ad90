package io.agentchannel.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RawServerTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void replying_writes_exactly_the_bytes_given_and_records_the_request_head() throws Exception {
    String raw = RawServer.response(502, "text/html", "<p>é</p>");
    assertThat(raw)
        .isEqualTo(
            "HTTP/1.1 502 X\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>é</p>");
    try (RawServer server = RawServer.replying(raw);
        Socket client = connect(server.port())) {
      String request = "POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n";
      client.getOutputStream().write((request + "body").getBytes(ISO_8859_1));

      assertThat(new String(client.getInputStream().readAllBytes(), UTF_8)).isEqualTo(raw);
      assertThat(server.requestHeads()).containsExactly(request);
      assertThat(server.connectionsAccepted()).isEqualTo(1);
      assertThat(server.baseUrl())
          .isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/v1"));
    }
  }

  @Test
  void a_real_http_client_gets_the_status_headers_and_body_and_sends_its_own_head()
      throws Exception {
    try (RawServer server = RawServer.replying(RawServer.response(418, "text/plain", "teapot"))) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/responses"))
                  .header("Authorization", "Bearer k")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(418);
      assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
      assertThat(response.body()).isEqualTo("teapot");
      assertThat(server.requestHeads().get(0))
          .startsWith("POST /v1/responses HTTP/1.1\r\n")
          .containsIgnoringCase("authorization: Bearer k");
    }
  }

  @Test
  void replying_and_holding_keeps_the_connection_until_the_client_closes_it() throws Exception {
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    String body = RawServer.chunk("data: {}\n\n");
    assertThat(body).isEqualTo("a\r\ndata: {}\n\n\r\n");
    assertThat(RawServer.chunk("é")).isEqualTo("2\r\né\r\n");
    try (RawServer server = RawServer.replyingAndHolding(head + body)) {
      Socket client = connect(server.port());
      client.getOutputStream().write("GET /v1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));
      byte[] expected = (head + body).getBytes(UTF_8);

      assertThat(client.getInputStream().readNBytes(expected.length)).isEqualTo(expected);
      client.setSoTimeout(300);
      assertThat(catchThrowable(() -> client.getInputStream().read()))
          .isInstanceOf(SocketTimeoutException.class);
      assertThat(server.awaitClientClose(Duration.ofMillis(50))).isFalse();
      client.close();
      assertThat(server.awaitClientClose(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void a_websocket_peer_accepts_the_upgrade_counts_frames_and_never_answers() throws Exception {
    try (RawServer server = RawServer.webSocket();
        Socket client = connect(server.port())) {
      // The handshake of RFC 6455, section 1.3.
      client
          .getOutputStream()
          .write(
              ("GET /v1/responses HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(ISO_8859_1));
      String upgrade =
          "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n";
      assertThat(new String(client.getInputStream().readNBytes(upgrade.length()), ISO_8859_1))
          .isEqualTo(upgrade);

      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      frame(out, RawServer.OPCODE_TEXT, new byte[300]); // a 16-bit length
      frame(out, RawServer.OPCODE_PING, new byte[0]);
      frame(out, RawServer.OPCODE_PING, "p".getBytes(UTF_8));
      frame(out, RawServer.OPCODE_BINARY, new byte[70_000]); // a 64-bit length

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> server.frames(RawServer.OPCODE_BINARY) == 1);
      assertThat(server.frames(RawServer.OPCODE_TEXT)).isEqualTo(1);
      assertThat(server.frames(RawServer.OPCODE_PING)).isEqualTo(2);
      client.setSoTimeout(300);
      assertThat(catchThrowable(() -> client.getInputStream().read()))
          .as("not even a pong")
          .isInstanceOf(SocketTimeoutException.class);
      client.shutdownOutput();
      assertThat(server.awaitClientClose(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void a_real_websocket_client_connects_and_its_messages_and_pings_are_counted() throws Exception {
    try (RawServer server = RawServer.webSocket()) {
      WebSocket socket =
          HTTP.newWebSocketBuilder()
              .buildAsync(
                  URI.create("ws://127.0.0.1:" + server.port() + "/v1/responses"),
                  new WebSocket.Listener() {})
              .get(10, TimeUnit.SECONDS);
      socket.sendText("{\"type\":\"response.create\"}", true).get(10, TimeUnit.SECONDS);
      socket.sendPing(ByteBuffer.allocate(0)).get(10, TimeUnit.SECONDS);

      await().atMost(Duration.ofSeconds(5)).until(() -> server.frames(RawServer.OPCODE_PING) == 1);
      assertThat(server.frames(RawServer.OPCODE_TEXT)).isEqualTo(1);
      assertThat(server.requestHeads().get(0)).startsWith("GET /v1/responses HTTP/1.1\r\n");
      socket.abort();
    }
  }

  @Test
  void a_request_that_is_not_an_upgrade_gets_400_from_the_websocket_peer() throws Exception {
    try (RawServer server = RawServer.webSocket();
        Socket client = connect(server.port())) {
      client.getOutputStream().write("GET /v1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1));

      assertThat(new String(client.getInputStream().readAllBytes(), ISO_8859_1))
          .startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void close_frees_every_socket_and_thread() throws Exception {
    RawServer server = RawServer.replyingAndHolding(RawServer.response(200, "text/plain", "x"));
    int port = server.port();
    Socket client = connect(server.port());
    client.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(ISO_8859_1));
    InputStream in = client.getInputStream();
    in.readNBytes(RawServer.response(200, "text/plain", "x").length());
    assertThat(LoopbackProxyTest.threads("raw-server-" + port + "-")).hasSize(2);

    server.close();
    server.close();

    assertThat(LoopbackProxyTest.threads("raw-server-" + port + "-")).isEmpty();
    assertThat(in.read()).isEqualTo(-1);
    client.close();
    assertThat(catchThrowable(() -> connect(port).close())).isInstanceOf(ConnectException.class);
  }

  private static Socket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Writes one final, masked client frame. */
  private static void frame(DataOutputStream out, int opcode, byte[] payload) throws IOException {
    out.write(0x80 | opcode);
    if (payload.length < 126) {
      out.write(0x80 | payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(0x80 | 126);
      out.writeShort(payload.length);
    } else {
      out.write(0x80 | 127);
      out.writeLong(payload.length);
    }
    byte[] mask = {1, 2, 3, 4};
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }
}
