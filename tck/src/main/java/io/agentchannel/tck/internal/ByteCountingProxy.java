package io.agentchannel.tck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 in front of a server that counts the bytes clients send through it: what
 * the server received on the wire, whatever the protocol above. One thread pair per connection.
 */
public final class ByteCountingProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final AtomicLong upstreamBytes = new AtomicLong();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  public ByteCountingProxy(URI targetBaseUrl) throws IOException {
    this.target = new InetSocketAddress(targetBaseUrl.getHost(), targetBaseUrl.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::acceptLoop, "byte-counting-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The base URL that reaches the target through this relay. */
  public URI baseUrl(URI targetBaseUrl) {
    return URI.create(
        targetBaseUrl.getScheme()
            + "://127.0.0.1:"
            + listener.getLocalPort()
            + targetBaseUrl.getPath());
  }

  /** Bytes the clients have sent so far, over every connection. */
  public long upstreamBytes() {
    return upstreamBytes.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(server);
        pump(client, server, upstreamBytes);
        pump(server, client, null);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, AtomicLong counter) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  if (counter != null) {
                    counter.addAndGet(n);
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException ended) {
                // one side went away: close both below
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "byte-counting-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    sockets.forEach(ByteCountingProxy::closeQuietly);
  }
}
