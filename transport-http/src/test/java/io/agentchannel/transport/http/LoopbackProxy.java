package io.agentchannel.transport.http;

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
 * A minimal HTTP proxy on a real loopback socket: {@code CONNECT host:port} opens a tunnel (how TLS
 * goes through a proxy), and an absolute-form request ({@code POST http://host:port/...}) is
 * forwarded as is. It records the first line of every request it is asked to proxy.
 */
final class LoopbackProxy implements AutoCloseable {

  private final ServerSocket server;
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private final java.net.InetSocketAddress upstreamOverride;

  LoopbackProxy() throws IOException {
    this(null);
  }

  /**
   * @param upstreamOverride where to connect whatever host the client named, or {@code null} for
   *     that host: lets a test use a host name only the proxy "resolves"
   */
  LoopbackProxy(java.net.InetSocketAddress upstreamOverride) throws IOException {
    this.upstreamOverride = upstreamOverride;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    daemon("proxy-accept", this::acceptLoop);
  }

  /** The setting's value: {@code http://127.0.0.1:port}. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  List<String> requestLines() {
    return requestLines;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        daemon("proxy-connection", () -> serve(client));
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
        upstream = connect(hostPort[0], Integer.parseInt(hostPort[1]));
        client
            .getOutputStream()
            .write(
                "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } else {
        URI target = URI.create(parts[1]);
        upstream = connect(target.getHost(), target.getPort());
        upstream.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      }
      sockets.add(upstream);
      daemon("proxy-up", () -> pipe(in, upstream));
      pipe(upstream.getInputStream(), client);
    } catch (IOException | RuntimeException ignored) {
      // one side went away
    }
  }

  private Socket connect(String host, int port) throws IOException {
    return upstreamOverride == null
        ? new Socket(host, port)
        : new Socket(upstreamOverride.getAddress(), upstreamOverride.getPort());
  }

  private static void pipe(InputStream from, Socket to) {
    try {
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = from.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException ignored) {
      // closed
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

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
