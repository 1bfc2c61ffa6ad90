package io.agentchannel.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny HTTP/1.1 server on a real loopback socket that answers every request with one canned
 * response (or never answers), for what the simulator does not do: a non-JSON error body, a 2xx
 * that is not an event stream, a server that never sends its headers. It records request heads.
 */
final class RawHttpServer implements AutoCloseable {

  private final ServerSocket server;
  private final byte[] response;
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final boolean keepOpen;
  private final java.util.concurrent.CountDownLatch closedByClient =
      new java.util.concurrent.CountDownLatch(1);
  private final Thread acceptor;

  /** {@code response} is the raw bytes to send; {@code null} to never answer. */
  RawHttpServer(String response) throws IOException {
    this(response, false);
  }

  /**
   * @param keepOpen whether to leave the connection open after the response (a body that never
   *     ends, when the response is chunked without its last chunk)
   */
  RawHttpServer(String response, boolean keepOpen) throws IOException {
    this.keepOpen = keepOpen;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.response = response == null ? null : response.getBytes(StandardCharsets.UTF_8);
    this.acceptor = new Thread(this::acceptLoop, "raw-http-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  static String answer(int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + bytes.length
        + "\r\n\r\n"
        + body;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
  }

  /** Whether a client closed a connection left open ({@code keepOpen}) within the time. */
  boolean awaitClosedByClient(long millis) throws InterruptedException {
    return closedByClient.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  List<String> requestHeads() {
    return requestHeads;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread handler = new Thread(() -> handle(socket), "raw-http-connection");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      requestHeads.add(head);
      int length = contentLength(head);
      in.readNBytes(length);
      if (response != null) {
        socket.getOutputStream().write(response);
        socket.getOutputStream().flush();
        if (!keepOpen) {
          socket.close();
        } else {
          while (in.read() >= 0) {
            // wait for the client to close
          }
          closedByClient.countDown();
        }
      }
    } catch (IOException ignored) {
      // the client went away
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
