package io.agentchannel.websocket.spi;

import java.util.function.Consumer;

/**
 * The socket under a {@link io.agentchannel.websocket.WebSocketModeSession}: what each WebSocket
 * transport implements over its client library (Jakarta WebSocket, Vert.x, Netty, ...). Everything
 * protocol-related lives in the session; a link only moves frames.
 *
 * <p><b>Lifecycle.</b> The transport opens the connection, creates the link and the session over
 * it, and from then on reports every inbound frame, pong, error and the close to the session, in
 * order, from one reader. After {@link io.agentchannel.websocket.WebSocketModeSession#onClosed} the
 * link is not used again.
 *
 * <p><b>Threading.</b> The session calls {@link #sendText} from one writer at a time (never
 * concurrently), and {@link #pauseReading}, {@link #resumeReading}, {@link #ping} and {@link
 * #close} from any thread, possibly while a send is in progress: implementations make those four
 * thread-safe. None of the methods may call back into the session synchronously except the {@code
 * onDone} callback of {@link #sendText}, which may run inside the call.
 */
public interface WebSocketLink {

  /**
   * Writes one text frame. Never called again before {@code onDone} has run for the previous frame.
   *
   * @param frame the complete frame, one JSON event
   * @param onDone called once: with {@code null} when the frame was handed to the socket, or with
   *     the error when it provably was not written (the session then reports the request as not
   *     sent, which tells the caller a retry is safe). A failure that happens after bytes may have
   *     left must be reported as a close or an error on the reader side instead.
   */
  void sendText(String frame, Consumer<Throwable> onDone);

  /**
   * Stops reading from the socket (backpressure): no further frames are read until {@link
   * #resumeReading}. Frames already read may still be delivered. Idempotent. The session never
   * calls this and {@link #resumeReading} concurrently, and when the reader's {@link
   * io.agentchannel.websocket.WebSocketModeSession#onText} returns after a pause was asked for,
   * this has already been called: a link that pauses by blocking its reader can check its flag
   * right after {@code onText}.
   */
  void pauseReading();

  /** Resumes reading after {@link #pauseReading}. Idempotent. */
  void resumeReading();

  /**
   * Sends a ping frame (keep-alive); its pong is reported through {@link
   * io.agentchannel.websocket.WebSocketModeSession#onPong}.
   */
  void ping();

  /**
   * Starts closing the connection with a close frame. The transport calls {@link
   * io.agentchannel.websocket.WebSocketModeSession#onClosed} once the connection is closed (or
   * lost). Idempotent.
   *
   * @param code the WebSocket close code (1000 normal, 1001 going away, 1002 protocol error, ...)
   * @param reason a short reason, at most 123 bytes in UTF-8
   */
  void close(int code, String reason);
}
