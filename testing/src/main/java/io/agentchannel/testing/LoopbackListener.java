package io.agentchannel.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ObjIntConsumer;

/**
 * What {@link LoopbackProxy} and {@link RawServer} share: a listening socket on {@code 127.0.0.1}
 * and an ephemeral port, an accept thread that hands every connection to a handler on a thread of
 * its own, and a close that frees every socket and thread it made. Threads are daemons named {@code
 * <kind>-<port>-<what>}.
 */
final class LoopbackListener implements Closeable {

  /** The longest {@link #close()} waits for the threads to end once their sockets are closed. */
  private static final long JOIN_MILLIS = 5_000;

  /** A request head longer than this is not HTTP a test means to send. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private final ServerSocket server;
  private final String prefix;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private boolean closed; // guarded by this

  /**
   * Listens and starts accepting.
   *
   * @param handler called with each accepted socket and its number (from 1) on the connection's own
   *     thread; the handler owns the socket, and {@link #close()} closes it in any case
   */
  LoopbackListener(String kind, ObjIntConsumer<Socket> handler) {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1", e);
    }
    prefix = kind + "-" + server.getLocalPort();
    start("accept", () -> acceptLoop(handler));
  }

  int port() {
    return server.getLocalPort();
  }

  int accepted() {
    return accepted.get();
  }

  private void acceptLoop(ObjIntConsumer<Socket> handler) {
    while (true) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException closedListener) {
        return;
      }
      int number = accepted.incrementAndGet();
      if (!track(socket)
          || start(String.valueOf(number), () -> handler.accept(socket, number)) == null) {
        release(socket);
        return;
      }
    }
  }

  /**
   * Registers a socket so that {@link #close()} closes it; closes it at once and returns false if
   * the listener is already closed.
   */
  boolean track(Socket socket) {
    synchronized (this) {
      if (!closed) {
        sockets.add(socket);
        return true;
      }
    }
    closeQuietly(socket);
    return false;
  }

  /** Closes a socket and forgets it. */
  void release(Socket socket) {
    closeQuietly(socket);
    sockets.remove(socket);
  }

  /**
   * Starts a daemon thread named {@code <kind>-<port>-<name>} that {@link #close()} interrupts and
   * waits for; {@code null} if the listener is already closed.
   */
  synchronized Thread start(String name, Runnable task) {
    if (closed) {
      return null;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                task.run();
              } finally {
                threads.remove(Thread.currentThread());
              }
            },
            prefix + "-" + name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return thread;
  }

  /** Stops accepting, closes every tracked socket, interrupts every thread and waits for them. */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = new ArrayList<>(threads);
    }
    closeQuietly(server);
    sockets.forEach(LoopbackListener::closeQuietly);
    sockets.clear();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
    for (Thread thread : running) {
      if (thread != Thread.currentThread()) {
        thread.interrupt();
      }
    }
    boolean interrupted = false;
    for (Thread thread : running) {
      long left = deadline - System.nanoTime();
      if (thread == Thread.currentThread() || left <= 0) {
        continue;
      }
      try {
        TimeUnit.NANOSECONDS.timedJoin(thread, left);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads an HTTP request or response head, up to and including the empty line ({@code CRLF CRLF}),
   * byte by byte so that nothing after it is consumed.
   *
   * @return the head as ISO-8859-1 bytes, or {@code null} if the stream ended before it did
   */
  static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    byte[] end = {'\r', '\n', '\r', '\n'};
    int matched = 0;
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (head.size() == MAX_HEAD_BYTES) {
        throw new IOException("a head longer than " + MAX_HEAD_BYTES + " bytes");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toByteArray();
  }

  static String text(byte[] head) {
    return new String(head, StandardCharsets.ISO_8859_1);
  }

  /** The value of a head's {@code Content-Length}, or 0 if it has none. */
  static long contentLength(String head) {
    String value = header(head, "Content-Length");
    return value == null ? 0 : Long.parseLong(value);
  }

  /** The value of a head's header {@code name} (any case), or {@code null}. */
  static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }

  static void closeQuietly(Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
