package io.agentchannel;

import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The events of one response as a {@link Flow.Publisher} with demand, plus the final {@link
 * Response}.
 *
 * <p><b>One subscriber.</b> A response streams once: a second subscriber receives {@code
 * onError(IllegalStateException)}.
 *
 * <p><b>Backpressure.</b> Events are read from the connection only as fast as the subscriber
 * requests them. At most {@code agentchannel.stream.buffer-events} events (default 256) wait in the
 * buffer; when it is full the transport stops reading from its socket, and resumes once the
 * subscriber has drained half of it. Memory per stream is therefore bounded by the buffer size
 * times the event size, not by the length of the response.
 *
 * <p><b>Termination.</b> Every event is delivered, the terminal one included, then: {@code
 * onComplete} after {@code response.completed} or {@code response.incomplete}; {@code
 * onError(ApiException)} after {@code response.failed} or an {@code error} event; {@code onError}
 * with a {@link io.agentchannel.error.ConnectionException} or {@link
 * io.agentchannel.error.PhaseTimeoutException} when the connection drops or a deadline passes
 * before the terminal event. A stream never completes silently without a terminal event.
 *
 * <p><b>Completion.</b> {@link #completion()} completes with the final response (or the same error)
 * once the subscriber has been given the terminal signal. It does not consume events by itself: if
 * you only need the final response, call {@link #drain()}.
 *
 * <p><b>Threading.</b> Subscriber callbacks run serially (never concurrently), on the transport's
 * reader thread or on the thread that calls {@code request}. Do not block in them: a blocked
 * callback stops reading for this stream. All methods are thread-safe.
 */
public interface ResponseStream extends Flow.Publisher<ServerEvent> {

  /** The final response, or the error that ended the stream; see the class comment. */
  CompletableFuture<Response> completion();

  /**
   * Subscribes a subscriber that discards every event with unbounded demand, and returns {@link
   * #completion()}.
   *
   * @throws IllegalStateException if a subscriber is already attached
   */
  CompletableFuture<Response> drain();

  /**
   * Cancels the response: the transport aborts the exchange (closing the HTTP exchange, or
   * abandoning the lane), buffered events are dropped, the subscriber receives {@code
   * onError(CancellationException)} and {@link #completion()} completes with it. No effect once the
   * stream has terminated.
   */
  void cancel();
}
