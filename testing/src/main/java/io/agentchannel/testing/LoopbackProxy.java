package io.agentchannel.testing;

import static io.agentchannel.testing.LoopbackListener.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on {@code 127.0.0.1} and an ephemeral port, on real sockets, that a test puts between
 * a client and a server to see and disturb the bytes between them. It comes in three kinds:
 *
 * <ul>
 *   <li>{@link #to(int)}: a plain relay in front of one target port, whatever the protocol above;
 *   <li>{@link #httpProxy()}: an HTTP forward proxy for a client's proxy setting: {@code CONNECT
 *       host:port} opens a tunnel (how TLS and WebSocket upgrades go through a proxy) and an
 *       absolute-form request ({@code POST http://host:port/path HTTP/1.1}) is forwarded as is to
 *       the host it names; it records the request line of each connection ({@link
 *       #requestLines()});
 *   <li>{@link #silent()}: a silent peer, with no target: it accepts connections, reads and counts
 *       what it is sent, and never answers a byte.
 * </ul>
 *
 * <p>On any of them a test can, at any time: count the bytes each way ({@link #upstreamBytes()},
 * {@link #downstreamBytes()}); {@link #delay} every chunk of bytes by a fixed latency; {@link
 * #stall()} forwarding (the connections stay open, the bytes are held) and {@link #resume()} it;
 * and {@link #drop()} every open connection at once.
 *
 * <p>Lifecycle: a factory method returns a proxy already listening; {@link #close()} stops it,
 * closes every connection and ends every thread, and may be called more than once. Threading: every
 * method may be called from any thread, while connections are served. Each connection runs on
 * daemon threads named {@code loopback-proxy-<port>-<connection>-...}: one that sets it up and,
 * once relaying, a reader and a writer each way. Limits: meant for test-sized traffic; bytes read
 * while stalled or delayed are buffered in memory without bound; in the HTTP kind, a request is
 * forwarded in absolute form (which HTTP/1.1 servers must accept), only the first request line of
 * each connection is recorded and parsed, and there is no authentication, TLS of its own or
 * caching.
 */
public final class LoopbackProxy implements AutoCloseable {

  private enum Kind {
    RELAY,
    HTTP,
    SILENT
  }

  private static final byte[] CONNECTED =
      "HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER_BYTES = 16 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

  private final Kind kind;

  /** The relay's target; in the HTTP kind, where every host is connected, or {@code null}. */
  private final InetSocketAddress target;

  private final LoopbackListener listener;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private final AtomicLong upstreamBytes = new AtomicLong();
  private final AtomicLong downstreamBytes = new AtomicLong();
  private final Object gate = new Object();
  private volatile boolean stalled; // guarded by gate for waits
  private volatile long delayNanos;

  private LoopbackProxy(Kind kind, InetSocketAddress target) {
    this.kind = kind;
    this.target = target;
    this.listener = new LoopbackListener("loopback-proxy", this::serve);
  }

  /** A relay in front of {@code 127.0.0.1:targetPort}. */
  public static LoopbackProxy to(int targetPort) {
    return to(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
  }

  /** A relay in front of {@code target}; each accepted connection opens one to it. */
  public static LoopbackProxy to(InetSocketAddress target) {
    Objects.requireNonNull(target, "target");
    return new LoopbackProxy(Kind.RELAY, target);
  }

  /**
   * A relay in front of the host and port of {@code url} (its scheme's default port if it names
   * none: 443 for {@code https} and {@code wss}, 80 otherwise). Reach it with {@link #through}.
   */
  public static LoopbackProxy to(URI url) {
    int port = url.getPort();
    if (port < 0) {
      String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
      port = scheme.equals("https") || scheme.equals("wss") ? 443 : 80;
    }
    return to(new InetSocketAddress(url.getHost(), port));
  }

  /**
   * An HTTP forward proxy that connects to the host each request names. Give a client {@link
   * #url()} as its proxy.
   */
  public static LoopbackProxy httpProxy() {
    return new LoopbackProxy(Kind.HTTP, null);
  }

  /**
   * An HTTP forward proxy that connects every request to {@code everyHost}, whatever host it names:
   * lets a test use a host name that only the proxy "resolves" (clients never send loopback targets
   * through an environment proxy, for one).
   */
  public static LoopbackProxy httpProxy(InetSocketAddress everyHost) {
    Objects.requireNonNull(everyHost, "everyHost");
    return new LoopbackProxy(Kind.HTTP, everyHost);
  }

  /**
   * A silent peer: it accepts every connection and reads what it is sent (counted as {@link
   * #upstreamBytes()}), and never writes a byte, neither an answer nor a close, until the client
   * closes, {@link #drop()} or {@link #close()}.
   */
  public static LoopbackProxy silent() {
    return new LoopbackProxy(Kind.SILENT, null);
  }

  /** The port it listens on, on {@code 127.0.0.1}. */
  public int port() {
    return listener.port();
  }

  /** The address it listens on: {@code 127.0.0.1} and {@link #port()}. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  /** {@code http://127.0.0.1:<port>}: the value of a client's proxy setting. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * {@code url} with its host and port replaced by this proxy's (scheme, path and query kept): how
   * a client reaches the target through a relay.
   */
  public URI through(URI url) {
    return URI.create(
        url.getScheme()
            + "://127.0.0.1:"
            + port()
            + (url.getRawPath() == null ? "" : url.getRawPath())
            + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
  }

  /**
   * Bytes read from clients so far, over every connection, counted as they arrive (before any delay
   * or stall); in the HTTP kind the request heads included.
   */
  public long upstreamBytes() {
    return upstreamBytes.get();
  }

  /** Bytes read from targets so far, over every connection, counted as they arrive. */
  public long downstreamBytes() {
    return downstreamBytes.get();
  }

  /** How many connections clients have opened to the proxy so far. */
  public int connectionsAccepted() {
    return listener.accepted();
  }

  /** How many of them are open now. */
  public int openConnections() {
    return connections.size();
  }

  /**
   * In the HTTP kind, the request line of each connection, in the order they came ({@code CONNECT
   * host:port HTTP/1.1} or {@code POST http://host:port/path HTTP/1.1}); always empty for the other
   * kinds. A live, read-only view.
   */
  public List<String> requestLines() {
    return Collections.unmodifiableList(requestLines);
  }

  /**
   * From now on, holds every chunk of bytes read, either way, for {@code latency} before forwarding
   * it; chunks keep their order. {@link Duration#ZERO} forwards at once again. Bytes already held
   * keep the latency they were read with.
   *
   * @return this proxy
   */
  public LoopbackProxy delay(Duration latency) {
    if (latency.isNegative()) {
      throw new IllegalArgumentException("a negative latency: " + latency);
    }
    delayNanos = latency.toNanos();
    return this;
  }

  /**
   * Stops forwarding, either way, on every connection, open now or opened later: the peer looks
   * dead while the sockets stay open. Bytes are still read and held, in order, until {@link
   * #resume()}. In the HTTP kind a tunnel is still answered, and only the bytes after it are held.
   */
  public void stall() {
    stalled = true;
  }

  /** Forwards again, the held bytes first. */
  public void resume() {
    synchronized (gate) {
      stalled = false;
      gate.notifyAll();
    }
  }

  /** Whether forwarding is stalled. */
  public boolean isStalled() {
    return stalled;
  }

  /**
   * Closes every open connection now, both its sockets, dropping the bytes held for it: each side
   * sees its connection closed (an end of stream, or a reset if it still had bytes in flight). The
   * proxy keeps listening, so a client can connect again.
   *
   * @return how many connections were closed
   */
  public int drop() {
    int dropped = 0;
    for (Connection connection : connections) {
      if (connection.close()) {
        dropped++;
      }
    }
    return dropped;
  }

  /** Stops listening, closes every connection and waits (a few seconds at most) for its threads. */
  @Override
  public void close() {
    listener.close();
    drop();
  }

  private void serve(Socket client, int number) {
    Connection connection = new Connection(client, number);
    connections.add(connection);
    connection.own(Thread.currentThread());
    try {
      client.setTcpNoDelay(true);
      switch (kind) {
        case RELAY -> connection.relay(connect(target), null);
        case HTTP -> connection.http();
        case SILENT -> connection.swallow();
      }
    } catch (IOException | RuntimeException ended) {
      connection.close();
    }
  }

  private static Socket connect(InetSocketAddress address) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(address, CONNECT_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      return socket;
    } catch (IOException | RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  /** One client connection and, once it is relayed, the connection to its target. */
  private final class Connection {
    private final Socket client;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger openDirections = new AtomicInteger(2);
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile Socket upstream;

    Connection(Socket client, int number) {
      this.client = client;
      this.name = String.valueOf(number);
    }

    void own(Thread thread) {
      if (thread != null) {
        threads.add(thread);
        if (closed.get()) {
          thread.interrupt();
        }
      }
    }

    /** The HTTP kind: reads the request head, then tunnels or forwards. */
    void http() throws IOException {
      InputStream in = client.getInputStream();
      byte[] head = LoopbackListener.readHead(in);
      if (head == null) {
        close();
        return;
      }
      upstreamBytes.addAndGet(head.length);
      String text = LoopbackListener.text(head);
      String requestLine = text.substring(0, text.indexOf("\r\n"));
      requestLines.add(requestLine);
      String[] parts = requestLine.split(" ");
      if (parts.length != 3) {
        refuse("400 Bad Request");
        return;
      }
      if (parts[0].equals("CONNECT")) {
        int colon = parts[1].lastIndexOf(':');
        if (colon <= 0) {
          refuse("400 Bad Request");
          return;
        }
        Socket socket =
            connectOrRefuse(parts[1].substring(0, colon), parts[1].substring(colon + 1));
        if (socket != null) {
          client.getOutputStream().write(CONNECTED);
          client.getOutputStream().flush();
          relay(socket, null);
        }
        return;
      }
      URI uri;
      try {
        uri = URI.create(parts[1]);
      } catch (IllegalArgumentException e) {
        refuse("400 Bad Request");
        return;
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
        refuse("400 Bad Request");
        return;
      }
      Socket socket =
          connectOrRefuse(uri.getHost(), String.valueOf(uri.getPort() < 0 ? 80 : uri.getPort()));
      if (socket != null) {
        relay(socket, head);
      }
    }

    private Socket connectOrRefuse(String host, String port) throws IOException {
      try {
        return connect(
            target != null ? target : new InetSocketAddress(host, Integer.parseInt(port)));
      } catch (IOException | RuntimeException unreachable) {
        refuse("502 Bad Gateway");
        return null;
      }
    }

    private void refuse(String status) throws IOException {
      client
          .getOutputStream()
          .write(
              ("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      client.getOutputStream().flush();
      close();
    }

    /** Relays both ways between the client and {@code socket}, {@code first} sent ahead. */
    void relay(Socket socket, byte[] first) throws IOException {
      upstream = socket;
      if (closed.get() || !listener.track(socket)) {
        close();
        return;
      }
      Pipe up = new Pipe(client.getInputStream(), socket, upstreamBytes);
      Pipe down = new Pipe(socket.getInputStream(), client, downstreamBytes);
      if (first != null) {
        up.enqueue(first);
      }
      up.start("up");
      down.start("down");
    }

    /** The silent kind: reads and counts until the client closes, and answers nothing. */
    void swallow() throws IOException {
      InputStream in = client.getInputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        upstreamBytes.addAndGet(n);
      }
      close();
    }

    /** One direction ended cleanly; the connection closes when both have. */
    void directionEnded() {
      if (openDirections.decrementAndGet() == 0) {
        close();
      }
    }

    /** Closes both sockets and stops the threads; whether this call was the one that closed it. */
    boolean close() {
      if (!closed.compareAndSet(false, true)) {
        return false;
      }
      listener.release(client);
      Socket socket = upstream;
      if (socket != null) {
        listener.release(socket);
      }
      connections.remove(this);
      for (Thread thread : threads) {
        if (thread != Thread.currentThread()) {
          thread.interrupt();
        }
      }
      return true;
    }

    /** One direction: a reader that queues what it reads and a writer that forwards it. */
    private final class Pipe {
      private final InputStream from;
      private final Socket to;
      private final AtomicLong counter;
      private final LinkedBlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();

      Pipe(InputStream from, Socket to, AtomicLong counter) {
        this.from = from;
        this.to = to;
        this.counter = counter;
      }

      void enqueue(byte[] bytes) {
        queue.add(new Chunk(System.nanoTime() + delayNanos, bytes));
      }

      void start(String direction) {
        own(listener.start(name + "-" + direction + "-read", this::read));
        own(listener.start(name + "-" + direction + "-write", this::write));
      }

      private void read() {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
          int n;
          while ((n = from.read(buffer)) >= 0) {
            counter.addAndGet(n);
            enqueue(Arrays.copyOf(buffer, n));
          }
          enqueue(null);
        } catch (IOException ended) {
          close();
        }
      }

      private void write() {
        try {
          OutputStream out = to.getOutputStream();
          while (true) {
            Chunk chunk = queue.take();
            long wait;
            while ((wait = chunk.due - System.nanoTime()) > 0) {
              TimeUnit.NANOSECONDS.sleep(wait);
            }
            synchronized (gate) {
              while (stalled) {
                gate.wait();
              }
            }
            if (chunk.bytes == null) {
              to.shutdownOutput();
              directionEnded();
              return;
            }
            out.write(chunk.bytes);
            out.flush();
          }
        } catch (IOException | InterruptedException ended) {
          close();
        }
      }
    }
  }

  /** Bytes to forward no sooner than {@code due} ({@link System#nanoTime()}); null for the end. */
  private record Chunk(long due, byte[] bytes) {}
}
