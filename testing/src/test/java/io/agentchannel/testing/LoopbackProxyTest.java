package io.agentchannel.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopbackProxyTest {

  private Echo echo;

  @BeforeEach
  void startEcho() throws IOException {
    echo = new Echo();
  }

  @AfterEach
  void stopEcho() throws IOException {
    echo.close();
  }

  @Test
  void a_relay_forwards_both_ways_and_counts_the_bytes_of_each() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port());
        Socket client = connect(proxy)) {
      send(client, "hello");
      assertThat(read(client, 5)).isEqualTo("hello");
      send(client, "again!");
      assertThat(read(client, 6)).isEqualTo("again!");

      assertThat(proxy.upstreamBytes()).isEqualTo(11);
      assertThat(proxy.downstreamBytes()).isEqualTo(11);
      assertThat(proxy.connectionsAccepted()).isEqualTo(1);
      assertThat(proxy.openConnections()).isEqualTo(1);
      assertThat(proxy.requestLines()).isEmpty();
    }
  }

  @Test
  void an_end_of_stream_goes_through_each_way_and_then_the_connection_is_gone() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port());
        Socket client = connect(proxy)) {
      send(client, "bye");
      client.shutdownOutput();

      assertThat(read(client, 3)).isEqualTo("bye");
      assertThat(client.getInputStream().read()).isEqualTo(-1);
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
    }
  }

  @Test
  void delay_holds_every_chunk_for_the_latency_without_adding_it_up() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port()).delay(Duration.ofMillis(200));
        Socket client = connect(proxy)) {
      long start = System.nanoTime();
      for (int i = 0; i < 10; i++) {
        send(client, String.valueOf(i));
        Thread.sleep(10);
      }
      assertThat(read(client, 10)).isEqualTo("0123456789");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // 200 ms each way; chunks in flight together, not one latency after the other.
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofMillis(400))
          .isLessThan(Duration.ofSeconds(2));

      proxy.delay(Duration.ZERO);
      long again = System.nanoTime();
      send(client, "x");
      assertThat(read(client, 1)).isEqualTo("x");
      assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofMillis(300));
    }
  }

  @Test
  void stall_holds_the_bytes_with_the_connection_open_and_resume_delivers_them_in_order()
      throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port());
        Socket client = connect(proxy)) {
      send(client, "a");
      assertThat(read(client, 1)).isEqualTo("a");

      proxy.stall();
      assertThat(proxy.isStalled()).isTrue();
      send(client, "bc");
      try (Socket later = connect(proxy)) {
        send(later, "z");
        assertNothingWithin(client, 300);
        assertNothingWithin(later, 50);
        assertThat(echo.received()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.upstreamBytes() == 4);
        assertThat(proxy.openConnections()).isEqualTo(2);

        proxy.resume();
        assertThat(read(client, 2)).isEqualTo("bc");
        assertThat(read(later, 1)).isEqualTo("z");
      }
    }
  }

  @Test
  void drop_closes_every_open_connection_and_the_proxy_still_accepts_new_ones() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port());
        Socket one = connect(proxy);
        Socket two = connect(proxy)) {
      send(one, "1");
      send(two, "2");
      read(one, 1);
      read(two, 1);

      assertThat(proxy.drop()).isEqualTo(2);
      assertClosed(one);
      assertClosed(two);
      assertThat(proxy.openConnections()).isZero();

      try (Socket three = connect(proxy)) {
        send(three, "3");
        assertThat(read(three, 1)).isEqualTo("3");
      }
    }
  }

  @Test
  void drop_while_stalled_closes_the_connections_too() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.to(echo.port());
        Socket client = connect(proxy)) {
      send(client, "a");
      read(client, 1);
      proxy.stall();
      send(client, "held");
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.upstreamBytes() == 5);

      assertThat(proxy.drop()).isEqualTo(1);
      assertClosed(client);
      proxy.resume();
      assertThat(echo.received()).isEqualTo(1);
    }
  }

  @Test
  void a_silent_peer_accepts_and_reads_but_never_answers() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.silent();
        Socket client = connect(proxy)) {
      send(client, "GET / HTTP/1.1\r\n\r\n");

      assertNothingWithin(client, 300);
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.upstreamBytes() == 18);
      assertThat(proxy.downstreamBytes()).isZero();
      assertThat(proxy.openConnections()).isEqualTo(1);
      assertThat(proxy.drop()).isEqualTo(1);
      assertClosed(client);
    }
  }

  @Test
  void an_http_proxy_tunnels_connect_and_records_the_request_line() throws Exception {
    try (LoopbackProxy proxy = LoopbackProxy.httpProxy();
        Socket client = connect(proxy)) {
      String line = "CONNECT 127.0.0.1:" + echo.port() + " HTTP/1.1";
      send(client, line + "\r\nHost: 127.0.0.1:" + echo.port() + "\r\n\r\n");
      String established = "HTTP/1.1 200 Connection Established\r\n\r\n";
      assertThat(read(client, established.length())).isEqualTo(established);

      send(client, "through the tunnel");
      assertThat(read(client, 18)).isEqualTo("through the tunnel");
      assertThat(proxy.requestLines()).containsExactly(line);
      assertThat(proxy.url()).isEqualTo("http://127.0.0.1:" + proxy.port());
    }
  }

  @Test
  void an_http_proxy_forwards_an_absolute_form_request_as_it_is() throws Exception {
    try (RawServer origin = RawServer.replying(RawServer.response(200, "text/plain", "hi"));
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        Socket client = connect(proxy)) {
      String line = "GET http://127.0.0.1:" + origin.port() + "/v1/models HTTP/1.1";
      send(client, line + "\r\nHost: 127.0.0.1:" + origin.port() + "\r\n\r\n");

      String answer = new String(client.getInputStream().readAllBytes(), US_ASCII);
      assertThat(answer).isEqualTo(RawServer.response(200, "text/plain", "hi"));
      assertThat(origin.requestHeads()).singleElement().asString().startsWith(line + "\r\n");
      assertThat(proxy.requestLines()).containsExactly(line);
    }
  }

  @Test
  void an_http_proxy_for_every_host_connects_names_nobody_can_resolve() throws Exception {
    try (LoopbackProxy proxy =
            LoopbackProxy.httpProxy(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.port()));
        Socket client = connect(proxy)) {
      send(client, "CONNECT nowhere.invalid:443 HTTP/1.1\r\n\r\n");
      read(client, "HTTP/1.1 200 Connection Established\r\n\r\n".length());
      send(client, "found");

      assertThat(read(client, 5)).isEqualTo("found");
      assertThat(proxy.requestLines()).containsExactly("CONNECT nowhere.invalid:443 HTTP/1.1");
    }
  }

  @Test
  void an_http_proxy_answers_502_for_an_unreachable_host_and_400_for_an_origin_form_request()
      throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (LoopbackProxy proxy = LoopbackProxy.httpProxy()) {
      try (Socket client = connect(proxy)) {
        send(client, "CONNECT 127.0.0.1:" + closedPort + " HTTP/1.1\r\n\r\n");
        assertThat(new String(client.getInputStream().readAllBytes(), US_ASCII))
            .startsWith("HTTP/1.1 502 ");
      }
      try (Socket client = connect(proxy)) {
        send(client, "GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(new String(client.getInputStream().readAllBytes(), US_ASCII))
            .startsWith("HTTP/1.1 400 ");
      }
    }
  }

  @Test
  void through_points_a_url_at_the_proxy_keeping_scheme_path_and_query() {
    try (LoopbackProxy proxy = LoopbackProxy.to(URI.create("https://example.invalid/v1"))) {
      assertThat(proxy.through(URI.create("wss://example.invalid:8443/v1/responses?x=1")))
          .isEqualTo(URI.create("wss://127.0.0.1:" + proxy.port() + "/v1/responses?x=1"));
      assertThat(proxy.address().getPort()).isEqualTo(proxy.port());
    }
  }

  @Test
  void close_frees_every_socket_and_thread() throws Exception {
    LoopbackProxy proxy = LoopbackProxy.to(echo.port()).delay(Duration.ofMillis(50));
    int port = proxy.port();
    Socket client = connect(proxy);
    send(client, "x");
    read(client, 1);
    proxy.stall();
    send(client, "held");
    assertThat(threads("loopback-proxy-" + port + "-")).hasSizeGreaterThanOrEqualTo(5);

    proxy.close();
    proxy.close();

    assertThat(threads("loopback-proxy-" + port + "-")).isEmpty();
    assertClosed(client);
    client.close();
    Throwable refused =
        catchThrowable(() -> new Socket(InetAddress.getLoopbackAddress(), port).close());
    assertThat(refused).isInstanceOf(ConnectException.class);
  }

  static List<String> threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .toList();
  }

  private static Socket connect(LoopbackProxy proxy) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(US_ASCII));
    socket.getOutputStream().flush();
  }

  private static String read(Socket socket, int bytes) throws IOException {
    byte[] read = socket.getInputStream().readNBytes(bytes);
    return new String(read, US_ASCII);
  }

  private static void assertNothingWithin(Socket socket, int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      Throwable waited = catchThrowable(() -> socket.getInputStream().read());
      assertThat(waited).isInstanceOf(SocketTimeoutException.class);
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  private static void assertClosed(Socket socket) {
    Throwable ended =
        catchThrowable(
            () -> {
              int b = socket.getInputStream().read();
              assertThat(b).isEqualTo(-1);
            });
    if (ended != null) {
      assertThat(ended).isInstanceOf(IOException.class);
    }
  }

  /** An echo server: what each connection reads it writes back, and it closes at the end. */
  private static final class Echo implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final java.util.concurrent.atomic.AtomicLong received =
        new java.util.concurrent.atomic.AtomicLong();

    Echo() throws IOException {
      Thread acceptor = new Thread(this::accept, "echo-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    long received() {
      return received.get();
    }

    private void accept() {
      while (true) {
        try {
          Socket socket = server.accept();
          Thread echo = new Thread(() -> echo(socket), "echo");
          echo.setDaemon(true);
          echo.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void echo(Socket socket) {
      try (socket) {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
          received.addAndGet(n);
          socket.getOutputStream().write(buffer, 0, n);
        }
      } catch (IOException ended) {
        // closed
      }
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
