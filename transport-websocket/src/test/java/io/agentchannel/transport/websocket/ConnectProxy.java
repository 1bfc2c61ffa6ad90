package io.agentchannel.transport.websocket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP CONNECT proxy on 127.0.0.1 for tests: it records each CONNECT target and relays
 * bytes both ways. Real sockets, one thread per direction.
 */
final class ConnectProxy implements AutoCloseable {

  final List<String> connects = new CopyOnWriteArrayList<>();

  /** While set, no byte is relayed in either direction: the peer looks dead, the socket open. */
  volatile boolean frozen;

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  ConnectProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "test-connect-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        Thread handler = new Thread(() -> handle(client), "test-connect-proxy-conn");
        handler.setDaemon(true);
        handler.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      String requestLine = head.lines().findFirst().orElse("");
      String[] parts = requestLine.split(" ");
      if (parts.length < 2 || !parts[0].equals("CONNECT")) {
        client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes());
        client.close();
        return;
      }
      connects.add(parts[1]);
      int colon = parts[1].lastIndexOf(':');
      Socket upstream =
          new Socket(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1)));
      sockets.add(upstream);
      client
          .getOutputStream()
          .write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      relay(upstream.getInputStream(), client.getOutputStream(), client, upstream);
      relay(in, upstream.getOutputStream(), client, upstream);
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
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
    return head.toString(StandardCharsets.US_ASCII);
  }

  private void relay(InputStream from, OutputStream to, Socket client, Socket upstream) {
    Thread pump =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                  while (frozen) {
                    Thread.sleep(5);
                  }
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException | InterruptedException ignored) {
                // one side closed
              } finally {
                closeQuietly(client);
                closeQuietly(upstream);
              }
            },
            "test-connect-proxy-relay");
    pump.setDaemon(true);
    pump.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(ConnectProxy::closeQuietly);
  }
}
