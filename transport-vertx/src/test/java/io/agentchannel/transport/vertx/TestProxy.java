package io.agentchannel.transport.vertx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP proxy on a loopback port: {@code CONNECT host:port} tunnels, and absolute-form
 * requests ({@code GET http://host:port/path}) are forwarded in origin form. It records every
 * request line it served. One thread per connection; for tests only.
 */
final class TestProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<String> requestLines = new CopyOnWriteArrayList<>();

  TestProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "test-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread t = new Thread(() -> serve(client), "test-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String requestLine = head.substring(0, head.indexOf("\r\n"));
      requestLines.add(requestLine);
      String[] parts = requestLine.split(" ");
      Socket upstream;
      if (parts[0].equals("CONNECT")) {
        String[] hostPort = parts[1].split(":");
        upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        client
            .getOutputStream()
            .write(
                "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        URI target = URI.create(parts[1]);
        upstream = new Socket(target.getHost(), target.getPort());
        String originForm = parts[0] + " " + target.getRawPath() + " " + parts[2];
        upstream
            .getOutputStream()
            .write(
                (originForm + head.substring(head.indexOf("\r\n")))
                    .getBytes(StandardCharsets.ISO_8859_1));
      }
      sockets.add(upstream);
      Thread back = new Thread(() -> pipe(upstream, client), "test-proxy-back");
      back.setDaemon(true);
      back.start();
      pipe(client, upstream);
    } catch (IOException | RuntimeException ended) {
      close(client);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the request head ended");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static void pipe(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException ended) {
      // either side went away
    } finally {
      close(from);
      close(to);
    }
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TestProxy::close);
  }
}
