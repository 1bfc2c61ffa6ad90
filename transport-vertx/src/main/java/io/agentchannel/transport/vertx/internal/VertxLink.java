package io.agentchannel.transport.vertx.internal;

import io.agentchannel.websocket.WebSocketModeSession;
import io.agentchannel.websocket.spi.WebSocketLink;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Vert.x {@link WebSocket} as the engine's {@link WebSocketLink}, and the single reader that
 * feeds the engine's {@link WebSocketModeSession}.
 *
 * <p><b>Threading.</b> Vert.x calls the socket's handlers on the connection's event loop. Every
 * call into the session goes through {@code reader}, an ordered executor: by default one {@link
 * SerialExecutor} per connection over the transport's delivery threads, so subscriber callbacks
 * (which the engine runs inside its sink pushes) never run on the event loop; with {@code
 * deliver-on-event-loop} it runs them in place.
 *
 * <p><b>Demand.</b> The socket is paused (Vert.x {@code pause}, which stops reading from TCP once
 * its small inbound queue fills) while the engine asks for it (a subscriber's buffer is full) or
 * while {@value #HIGH_WATER} messages wait for the reader; it resumes once the engine allows and
 * the reader is down to {@value #LOW_WATER}. Pause and resume are decided on the event loop only.
 * Pongs are outside this accounting: Vert.x hands them over even while the socket is paused, and
 * they go to the session at once.
 */
final class VertxLink implements WebSocketLink {

  /** Messages waiting for the reader at which the socket stops reading. */
  static final int HIGH_WATER = 32;

  /** Messages waiting for the reader at which a socket paused for that reason reads again. */
  static final int LOW_WATER = 8;

  /** The most a close reason may take on the wire (RFC 6455: 125 bytes with the code). */
  private static final int MAX_REASON_BYTES = 123;

  private final WebSocket socket;
  private final Context context;
  private final Executor reader;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile WebSocketModeSession session;

  // Written by the reader as soon as the engine asks, read on the event loop at every message: the
  // loop stops delivering at once instead of after the hop below, which can queue behind many
  // frames on a busy loop (the TCK's backpressure rule saw 83 events pass that way).
  private volatile boolean engineWantsPause;

  // Confined to the event loop of the socket's context.
  private boolean socketPaused;

  VertxLink(WebSocket socket, Context context, Executor reader) {
    this.socket = Objects.requireNonNull(socket, "socket");
    this.context = Objects.requireNonNull(context, "context");
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /**
   * Connects the socket's handlers to the session. Called once, on the event loop, before the first
   * send (the server sends nothing unasked, so nothing can be missed before it).
   */
  void attach(WebSocketModeSession session) {
    this.session = Objects.requireNonNull(session, "session");
    socket.textMessageHandler(text -> deliver(() -> session.onText(text)));
    socket.binaryMessageHandler(binary -> deliver(session::onBinary));
    // Straight from the event loop (the session only notes the time): a reader held up by a slow
    // subscriber must not make a live peer look dead.
    socket.pongHandler(pong -> session.onPong());
    socket.exceptionHandler(
        error -> {
          // A drop is reported again, with its code, by the close handler.
          if (!(error instanceof HttpClosedException)) {
            reader.execute(() -> session.onError(error));
          }
        });
    socket.closeHandler(ignored -> closed());
  }

  @Override
  public void sendText(String frame, Consumer<Throwable> onDone) {
    try {
      socket.writeTextMessage(frame).onComplete(result -> written(result, onDone));
    } catch (RuntimeException notWritten) {
      reader.execute(() -> onDone.accept(notWritten));
    }
  }

  private void written(AsyncResult<Void> result, Consumer<Throwable> onDone) {
    Throwable error = result.succeeded() ? null : result.cause();
    reader.execute(() -> onDone.accept(error));
  }

  @Override
  public void pauseReading() {
    engineWantsPause = true;
    onEventLoop(this::updateDemand);
  }

  @Override
  public void resumeReading() {
    engineWantsPause = false;
    onEventLoop(this::updateDemand);
  }

  @Override
  public void ping() {
    if (!socket.isClosed()) {
      socket.writePing(Buffer.buffer());
    }
  }

  @Override
  public void close(int code, String reason) {
    if (!socket.isClosed()) {
      socket.close((short) code, truncate(reason));
    }
  }

  /** Whether the socket has closed (either side). */
  boolean isClosed() {
    return socket.isClosed();
  }

  /** Messages read from the socket and not yet handled by the reader; for tests. */
  int waiting() {
    return waiting.get();
  }

  private void deliver(Runnable toSession) {
    waiting.incrementAndGet();
    reader.execute(
        () -> {
          try {
            toSession.run();
          } finally {
            if (waiting.decrementAndGet() == LOW_WATER) {
              onEventLoop(this::updateDemand);
            }
          }
        });
    if (engineWantsPause || waiting.get() >= HIGH_WATER) {
      updateDemand();
    }
  }

  private void updateDemand() {
    boolean pause = engineWantsPause || waiting.get() >= HIGH_WATER;
    if (pause && !socketPaused) {
      socketPaused = true;
      socket.pause();
    } else if (!pause && socketPaused) {
      socketPaused = false;
      socket.resume();
    }
  }

  private void closed() {
    Short code = socket.closeStatusCode();
    String reason = socket.closeReason();
    // Messages Vert.x still holds because the socket was paused arrived before the close: hand
    // them to the reader first (a response may have ended in them), then the close.
    socket.resume();
    context.runOnContext(
        ignored ->
            reader.execute(
                () -> session.onClosed(code == null ? 1006 : code, reason == null ? "" : reason)));
  }

  private void onEventLoop(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }

  private static String truncate(String reason) {
    if (reason == null) {
      return null;
    }
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return reason;
    }
    String cut = new String(bytes, 0, MAX_REASON_BYTES, StandardCharsets.UTF_8);
    // A cut inside a multi-byte character decodes to a replacement character: drop it.
    return cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
  }
}
