package io.agentchannel.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A scripted HTTP/1.1 server on {@code 127.0.0.1} and an ephemeral port, on real sockets, that
 * writes exactly the bytes a test gives it: for what a real server (or the simulator) never does,
 * such as an error body that is not JSON, a 2xx that is not an event stream, an event stream that
 * never ends, or a WebSocket peer that accepts the upgrade and then never answers, not even a pong.
 *
 * <p>It comes in three kinds, each the same for every connection:
 *
 * <ul>
 *   <li>{@link #replying}: reads a request, writes the given bytes as they are (status line,
 *       headers and body, see {@link #response} and {@link #chunk}), and closes the connection;
 *   <li>{@link #replyingAndHolding}: the same, but leaves the connection open until the client
 *       closes it ({@link #awaitClientClose}): a body that never ends;
 *   <li>{@link #webSocket()}: answers a WebSocket upgrade with a valid {@code 101 Switching
 *       Protocols}, then reads frames, counts them by opcode ({@link #frames}), and sends nothing.
 * </ul>
 *
 * <p>It records every request head ({@link #requestHeads()}).
 *
 * <p>Lifecycle: a factory method returns a server already listening; {@link #close()} stops it,
 * closes every connection and ends every thread, and may be called more than once. Threading: every
 * method may be called from any thread; each connection is served on a daemon thread named {@code
 * raw-server-<port>-<connection>}. Limits: one request per connection; a request body is read only
 * as far as its {@code Content-Length} says (a chunked one is not read before the reply); frames a
 * WebSocket client sends are counted and their payloads skipped, never answered; no TLS.
 */
public final class RawServer implements AutoCloseable {

  /** The opcode of a WebSocket text frame. */
  public static final int OPCODE_TEXT = 0x1;

  /** The opcode of a WebSocket binary frame. */
  public static final int OPCODE_BINARY = 0x2;

  /** The opcode of a WebSocket close frame. */
  public static final int OPCODE_CLOSE = 0x8;

  /** The opcode of a WebSocket ping frame. */
  public static final int OPCODE_PING = 0x9;

  /** The opcode of a WebSocket pong frame. */
  public static final int OPCODE_PONG = 0xA;

  private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private enum Kind {
    REPLY,
    REPLY_AND_HOLD,
    WEBSOCKET
  }

  private final Kind kind;
  private final byte[] reply;
  private final List<String> requestHeads = new CopyOnWriteArrayList<>();
  private final CountDownLatch closedByClient = new CountDownLatch(1);
  private final AtomicIntegerArray frames = new AtomicIntegerArray(16);
  private final LoopbackListener listener;

  private RawServer(Kind kind, byte[] reply) {
    this.kind = kind;
    this.reply = reply;
    this.listener = new LoopbackListener("raw-server", this::serve);
  }

  /** Answers every request with {@code response} (UTF-8) and closes the connection. */
  public static RawServer replying(String response) {
    return replying(response.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers every request with {@code response} and closes the connection. */
  public static RawServer replying(byte[] response) {
    return new RawServer(Kind.REPLY, response.clone());
  }

  /**
   * Answers every request with {@code response} (UTF-8) and then holds the connection open, reading
   * and discarding, until the client closes it: a chunked body without its last chunk is a stream
   * that never ends.
   */
  public static RawServer replyingAndHolding(String response) {
    return replyingAndHolding(response.getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #replyingAndHolding(String)}, with the bytes as they are. */
  public static RawServer replyingAndHolding(byte[] response) {
    return new RawServer(Kind.REPLY_AND_HOLD, response.clone());
  }

  /**
   * A WebSocket peer that accepts the upgrade and then never sends a frame, not even a pong or a
   * close: what a half-dead connection looks like from the client. A request that is not an upgrade
   * (no {@code Sec-WebSocket-Key}) gets {@code 400} and a close.
   */
  public static RawServer webSocket() {
    return new RawServer(Kind.WEBSOCKET, null);
  }

  /**
   * A complete response: {@code HTTP/1.1 <status> X}, the {@code Content-Type} and the {@code
   * Content-Length} of {@code body} in UTF-8, and the body.
   */
  public static String response(int status, String contentType, String body) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  /**
   * {@code data} as one chunk of a {@code Transfer-Encoding: chunked} body: its length in UTF-8
   * bytes in hex, CRLF, the data, CRLF. The last chunk is {@code chunk("")}.
   */
  public static String chunk(String data) {
    return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length)
        + "\r\n"
        + data
        + "\r\n";
  }

  /** The {@code Sec-WebSocket-Accept} value that answers {@code key} (RFC 6455, 4.2.2). */
  public static String webSocketAccept(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1")
                  .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** The port it listens on, on {@code 127.0.0.1}. */
  public int port() {
    return listener.port();
  }

  /** {@code http://127.0.0.1:<port>/v1}: a client's base URL. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port() + "/v1");
  }

  /** Every request head received so far (request line and headers, ISO-8859-1), in order. */
  public List<String> requestHeads() {
    return Collections.unmodifiableList(requestHeads);
  }

  /** How many connections clients have opened so far. */
  public int connectionsAccepted() {
    return listener.accepted();
  }

  /**
   * Whether a client closed a connection the server was holding open ({@link #replyingAndHolding}
   * or {@link #webSocket()}) within {@code timeout}.
   */
  public boolean awaitClientClose(Duration timeout) throws InterruptedException {
    return closedByClient.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many WebSocket frames with {@code opcode} (0 to 15) clients have sent so far. */
  public int frames(int opcode) {
    Objects.checkIndex(opcode, frames.length());
    return frames.get(opcode);
  }

  /** Stops listening, closes every connection and waits (a few seconds at most) for its threads. */
  @Override
  public void close() {
    listener.close();
  }

  private void serve(Socket socket, int number) {
    try {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] rawHead = LoopbackListener.readHead(in);
      if (rawHead == null) {
        return;
      }
      String head = LoopbackListener.text(rawHead);
      requestHeads.add(head);
      in.skipNBytes(LoopbackListener.contentLength(head));
      if (kind == Kind.WEBSOCKET) {
        upgrade(head, new DataInputStream(in), out);
        return;
      }
      out.write(reply);
      out.flush();
      if (kind == Kind.REPLY_AND_HOLD) {
        in.transferTo(OutputStream.nullOutputStream());
        closedByClient.countDown();
      }
    } catch (IOException | RuntimeException ended) {
      // the client went away, or the server is closing
    } finally {
      listener.release(socket);
    }
  }

  private void upgrade(String head, DataInputStream in, OutputStream out) throws IOException {
    String key = LoopbackListener.header(head, "Sec-WebSocket-Key");
    if (key == null) {
      out.write(
          "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return;
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + webSocketAccept(key)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      int first = in.read();
      if (first < 0) {
        closedByClient.countDown();
        return;
      }
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      if ((second & 0x80) != 0) {
        in.readInt(); // the client's mask
      }
      in.skipNBytes(length);
      frames.incrementAndGet(first & 0x0F);
    }
  }
}
