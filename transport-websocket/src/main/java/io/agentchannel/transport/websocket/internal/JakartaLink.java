package io.agentchannel.transport.websocket.internal;

import io.agentchannel.websocket.WebSocketModeSession;
import io.agentchannel.websocket.spi.WebSocketLink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection on the Jakarta WebSocket API: the {@link Endpoint} the container calls, and the
 * {@link WebSocketLink} the shared engine drives. Only {@code jakarta.websocket} types.
 *
 * <p><b>Reading and backpressure.</b> The container delivers each text message on its reader
 * thread; this link hands it to the session and then, if the session asked to pause, blocks that
 * thread until {@link #resumeReading()} (or until the connection closes). The Jakarta API has no
 * way to pause a socket, but a container reads a connection's next bytes only after its message
 * handler returns (Tyrus's JDK container does so), so blocking here stops reading that connection:
 * no further frame is parsed, the socket's receive buffer fills and TCP flow control slows the
 * server. What is held while paused is bounded by the response's stream buffer ({@code
 * agentchannel.stream.buffer-events}), the container's input buffer for frames not yet parsed (2
 * KB, 17 KB with TLS, for Tyrus's JDK container), one partly read message and the kernel's socket
 * buffers. Only this connection's reader thread waits; other connections read on other threads of
 * the container's pool.
 *
 * <p><b>Writing.</b> Frames go through the asynchronous remote endpoint: handed over when {@code
 * sendText} returns, written in order by the container. A send refused at once (the session is
 * closed) is reported as not written; a write that fails later is reported to the session as a
 * connection error (the bytes may have left).
 */
public final class JakartaLink extends Endpoint implements WebSocketLink {

  private static final Logger LOG = LoggerFactory.getLogger(JakartaLink.class);

  private final Function<WebSocketLink, WebSocketModeSession> sessions;
  private final Consumer<JakartaLink> onGone;
  private final Object writeLock = new Object();
  private final Object readGate = new Object();
  private boolean paused; // guarded by readGate
  private volatile boolean closing;
  private volatile Session socket;
  private volatile WebSocketModeSession session;

  /**
   * @param sessions makes the engine's session over this link once the connection is open
   * @param onGone told once the connection has closed, so its transport forgets it
   */
  public JakartaLink(
      Function<WebSocketLink, WebSocketModeSession> sessions, Consumer<JakartaLink> onGone) {
    this.sessions = sessions;
    this.onGone = onGone;
  }

  /** The engine's session, once the connection is open; {@code null} before. */
  public WebSocketModeSession session() {
    return session;
  }

  // ---- Endpoint: what the container reports ----

  @Override
  public void onOpen(Session opened, EndpointConfig config) {
    socket = opened;
    opened.setMaxTextMessageBufferSize(TyrusSpecifics.MAX_MESSAGE_BYTES);
    // The session exists before the first message can be delivered: handlers come after it.
    WebSocketModeSession created = sessions.apply(this);
    session = created;
    opened.addMessageHandler(String.class, this::onText);
    opened.addMessageHandler(ByteBuffer.class, binary -> created.onBinary());
    opened.addMessageHandler(PongMessage.class, pong -> created.onPong());
  }

  private void onText(String frame) {
    session.onText(frame);
    awaitReadable();
  }

  @Override
  public void onClose(Session closed, CloseReason reason) {
    closing = true;
    wakeReader();
    WebSocketModeSession current = session;
    if (current != null) {
      current.onClosed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }
    onGone.accept(this);
  }

  @Override
  public void onError(Session failed, Throwable error) {
    WebSocketModeSession current = session;
    if (current != null) {
      current.onError(error);
    }
  }

  // ---- WebSocketLink: what the engine asks ----

  @Override
  public void sendText(String frame, Consumer<Throwable> onDone) {
    try {
      synchronized (writeLock) {
        socket.getAsyncRemote().sendText(frame, result -> writeResult(result.getException()));
      }
    } catch (RuntimeException refused) {
      onDone.accept(refused); // the container took nothing: the frame was not written
      return;
    }
    onDone.accept(null);
  }

  private void writeResult(Throwable failure) {
    if (failure != null) {
      WebSocketModeSession current = session;
      if (current != null) {
        current.onError(failure);
      }
    }
  }

  @Override
  public void pauseReading() {
    synchronized (readGate) {
      paused = true;
    }
  }

  @Override
  public void resumeReading() {
    synchronized (readGate) {
      paused = false;
      readGate.notifyAll();
    }
  }

  @Override
  public void ping() {
    try {
      synchronized (writeLock) {
        socket.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
      }
    } catch (IOException | RuntimeException e) {
      // A dead socket shows as a close or a missing pong; the dead-peer check acts on that.
      LOG.debug("ping failed", e);
    }
  }

  @Override
  public void close(int code, String reason) {
    closing = true;
    wakeReader();
    Session current = socket;
    if (current == null || !current.isOpen()) {
      return;
    }
    try {
      current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the WebSocket failed", e);
    }
  }

  /** Blocks the container's reader thread while the session holds reading paused. */
  private void awaitReadable() {
    synchronized (readGate) {
      while (paused && !closing) {
        try {
          readGate.wait();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void wakeReader() {
    synchronized (readGate) {
      readGate.notifyAll();
    }
  }
}
