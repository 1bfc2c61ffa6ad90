package io.agentchannel.sim.internal.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agentchannel.sim.data.NetworkProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on the loopback interface, a Vert.x target behind the proxy and blocking clients in
 * front of it. Timings are asserted as lower bounds only: a loaded machine is slower, never faster,
 * than the emulated path.
 */
class DelayProxyTest {

  private static final String HOST = "127.0.0.1";
  private static final long SEED = 20240611L;
  private static final Duration EPSILON = Duration.ofMillis(2);

  private static Vertx vertx;

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    join(vertx.close());
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
  }

  @Test
  void five_megabytes_pass_unchanged_both_ways() throws Exception {
    DelayProxy proxy = proxy(echoTarget(), NetworkProfile.of(Duration.ofMillis(2), 0));
    byte[] payload = randomBytes(5 * 1024 * 1024, 1);

    try (Socket client = client(proxy)) {
      CompletableFuture<Void> written = writeInBackground(client, payload);
      byte[] echoed = client.getInputStream().readNBytes(payload.length);
      written.get(10, TimeUnit.SECONDS);

      assertThat(echoed).isEqualTo(payload);
    }
    awaitNoConnections(proxy);
  }

  @Test
  void without_emulation_bytes_pass_unchanged() throws Exception {
    DelayProxy proxy = proxy(echoTarget(), NetworkProfile.none());
    byte[] payload = randomBytes(100_000, 2);

    try (Socket client = client(proxy)) {
      CompletableFuture<Void> written = writeInBackground(client, payload);
      assertThat(client.getInputStream().readNBytes(payload.length)).isEqualTo(payload);
      written.get(10, TimeUnit.SECONDS);
    }
    awaitNoConnections(proxy);
  }

  @Test
  void jitter_never_reorders_bytes() throws Exception {
    NetworkProfile jittery =
        NetworkProfile.of(Duration.ofMillis(4), 0).withJitter(Duration.ofMillis(10));
    DelayProxy proxy = proxy(echoTarget(), jittery);
    int count = 20_000;
    ByteBuffer sequence = ByteBuffer.allocate(count * Integer.BYTES);
    for (int i = 0; i < count; i++) {
      sequence.putInt(i);
    }

    try (Socket client = client(proxy)) {
      CompletableFuture<Void> written =
          CompletableFuture.runAsync(
              () -> {
                try {
                  OutputStream out = client.getOutputStream();
                  for (int offset = 0; offset < sequence.capacity(); offset += 40) {
                    out.write(sequence.array(), offset, 40);
                    // Pauses spread the writes over many jitter draws instead of a few big reads.
                    if (offset % 2000 == 0) {
                      Thread.sleep(1);
                    }
                  }
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new IllegalStateException(e);
                }
              });
      byte[] echoed = client.getInputStream().readNBytes(sequence.capacity());
      written.get(10, TimeUnit.SECONDS);

      assertThat(echoed).isEqualTo(sequence.array());
    }
  }

  @Test
  void an_http_exchange_pays_the_connect_round_trip_and_one_more() throws Exception {
    Duration rtt = Duration.ofMillis(200);
    DelayProxy proxy = proxy(httpTarget(), NetworkProfile.of(rtt, 0));

    long start = System.nanoTime();
    try (Socket client = client(proxy)) {
      client
          .getOutputStream()
          .write(
              "GET /ping HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(US_ASCII));
      InputStream in = client.getInputStream();
      int first = in.read();
      Duration firstByte = Duration.ofNanos(System.nanoTime() - start);
      String response = (char) first + new String(in.readAllBytes(), US_ASCII);

      assertThat(response).startsWith("HTTP/1.1 200").endsWith("pong");
      assertThat(firstByte).isGreaterThanOrEqualTo(rtt.multipliedBy(2).minus(EPSILON));
    }
    awaitNoConnections(proxy);
  }

  @Test
  void each_exchange_on_an_open_connection_pays_one_round_trip() throws Exception {
    Duration rtt = Duration.ofMillis(100);
    DelayProxy proxy = proxy(echoTarget(), NetworkProfile.of(rtt, 0));

    try (Socket client = client(proxy)) {
      OutputStream out = client.getOutputStream();
      InputStream in = client.getInputStream();
      out.write('a');
      assertThat(in.read()).isEqualTo('a');

      long start = System.nanoTime();
      out.write('b');
      assertThat(in.read()).isEqualTo('b');

      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(rtt.minus(EPSILON));
    }
  }

  @Test
  void bandwidth_limits_the_rate_of_one_direction() throws Exception {
    int size = 125_000;
    CompletableFuture<Long> received = new CompletableFuture<>();
    AtomicLong count = new AtomicLong();
    NetServer sink =
        target(
            socket ->
                socket.handler(
                    data -> {
                      if (count.addAndGet(data.length()) >= size) {
                        received.complete(System.nanoTime());
                      }
                    }));
    // 1 Mbit/s: 125,000 bytes take one second on the wire.
    DelayProxy proxy = proxy(sink, NetworkProfile.of(Duration.ZERO, 125_000));

    try (Socket client = client(proxy)) {
      long start = System.nanoTime();
      client.getOutputStream().write(new byte[size]);
      long end = received.get(10, TimeUnit.SECONDS);

      assertThat(count.get()).isEqualTo(size);
      assertThat(Duration.ofNanos(end - start))
          .isGreaterThanOrEqualTo(Duration.ofSeconds(1).minus(EPSILON));
    }
  }

  @Test
  void the_target_closing_reaches_the_client_after_its_data() throws Exception {
    byte[] payload = randomBytes(300_000, 3);
    NetServer target =
        target(
            socket -> socket.write(Buffer.buffer(payload)).onComplete(written -> socket.close()));
    DelayProxy proxy = proxy(target, NetworkProfile.of(Duration.ofMillis(50), 0));

    try (Socket client = client(proxy)) {
      assertThat(client.getInputStream().readAllBytes()).isEqualTo(payload);
    }
    awaitNoConnections(proxy);
  }

  @Test
  void the_client_closing_reaches_the_target_after_its_data() throws Exception {
    CompletableFuture<String> receivedBeforeClose = new CompletableFuture<>();
    NetServer target =
        target(
            socket -> {
              Buffer received = Buffer.buffer();
              socket.handler(received::appendBuffer);
              socket.closeHandler(v -> receivedBeforeClose.complete(received.toString(US_ASCII)));
            });
    DelayProxy proxy = proxy(target, NetworkProfile.of(Duration.ofMillis(50), 0));

    Socket client = client(proxy);
    client.getOutputStream().write("hello, then goodbye".getBytes(US_ASCII));
    client.close();

    assertThat(receivedBeforeClose.get(5, TimeUnit.SECONDS)).isEqualTo("hello, then goodbye");
    awaitNoConnections(proxy);
  }

  @Test
  void a_refused_upstream_connect_closes_the_client() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    DelayProxy proxy = join(DelayProxy.start(vertx, HOST, closedPort, NetworkProfile.none(), SEED));
    cleanup.add(() -> join(proxy.close()));

    try (Socket client = client(proxy)) {
      assertThat(readOrReset(client.getInputStream())).isEqualTo(-1);
    }
    awaitNoConnections(proxy);
  }

  @Test
  void closing_the_proxy_closes_every_connection() throws Exception {
    AtomicInteger targetSocketsClosed = new AtomicInteger();
    NetServer target =
        target(
            socket -> {
              socket.closeHandler(v -> targetSocketsClosed.incrementAndGet());
              socket.pipeTo(socket);
            });
    DelayProxy proxy = proxy(target, NetworkProfile.of(Duration.ofMillis(10), 0));
    Socket first = client(proxy);
    Socket second = client(proxy);
    for (Socket client : List.of(first, second)) {
      client.getOutputStream().write('x');
      assertThat(client.getInputStream().read()).isEqualTo('x');
    }
    assertThat(proxy.openConnections()).isEqualTo(2);

    join(proxy.close());

    assertThat(proxy.openConnections()).isZero();
    assertThat(readOrReset(first.getInputStream())).isEqualTo(-1);
    assertThat(readOrReset(second.getInputStream())).isEqualTo(-1);
    await().atMost(Duration.ofSeconds(5)).until(() -> targetSocketsClosed.get() == 2);
  }

  @Test
  void start_rejects_a_bad_target_port() {
    assertThatThrownBy(() -> DelayProxy.start(vertx, HOST, 0, NetworkProfile.none(), SEED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("targetPort");
  }

  private NetServer echoTarget() throws Exception {
    return target(socket -> socket.pipeTo(socket));
  }

  private NetServer target(io.vertx.core.Handler<NetSocket> handler) throws Exception {
    NetServer server = join(vertx.createNetServer().connectHandler(handler).listen(0, HOST));
    cleanup.add(() -> join(server.close()));
    return server;
  }

  private int httpTarget() throws Exception {
    HttpServer server =
        join(
            vertx
                .createHttpServer()
                .requestHandler(request -> request.response().end("pong"))
                .listen(0, HOST));
    cleanup.add(() -> join(server.close()));
    return server.actualPort();
  }

  private DelayProxy proxy(NetServer target, NetworkProfile profile) throws Exception {
    return proxy(target.actualPort(), profile);
  }

  private DelayProxy proxy(int targetPort, NetworkProfile profile) throws Exception {
    DelayProxy proxy = join(DelayProxy.start(vertx, HOST, targetPort, profile, SEED));
    cleanup.add(() -> join(proxy.close()));
    return proxy;
  }

  private Socket client(DelayProxy proxy) throws IOException {
    Socket socket = new Socket(HOST, proxy.port());
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    cleanup.add(socket);
    return socket;
  }

  private static CompletableFuture<Void> writeInBackground(Socket client, byte[] payload) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            client.getOutputStream().write(payload);
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** A connection the peer closed reads as end of stream, or as a reset if bytes were unread. */
  private static int readOrReset(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketException reset) {
      return -1;
    }
  }

  private static void awaitNoConnections(DelayProxy proxy) {
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static <T> T join(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
