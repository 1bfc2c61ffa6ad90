package io.agentchannel.spi;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.wire.model.ServerEvent;

/**
 * Where a transport delivers the events of one response. The api module implements it (and the
 * {@link io.agentchannel.ResponseStream} users see), so a transport never implements {@code
 * Flow.Publisher} itself: it reads, parses, pushes, and pauses when told to.
 *
 * <p><b>Flow control.</b> The sink buffers a bounded number of events ({@code
 * agentchannel.stream.buffer-events}). {@link #push} returns {@code false} when the buffer is full:
 * the transport must then stop reading from its socket (the events of a frame already read may
 * still be pushed) until the sink calls the {@link #onResume} callback, which it does once the
 * subscriber has drained the buffer to half. A transport that keeps pushing makes the sink grow
 * past its bound; it never drops an event.
 *
 * <p><b>Termination.</b> The response ends with one terminal event ({@link
 * ServerEvent#isTerminal()}) or one {@link #fail} call; whatever arrives after that is ignored.
 *
 * <p><b>Threading.</b> Methods are thread-safe. The subscriber's callbacks may run inside {@link
 * #push} on the transport's thread, so a slow subscriber slows that thread down: transports that
 * must not block (event loops) should push from where blocking is acceptable or rely on the buffer
 * bound. The callbacks registered here run on whichever thread drives delivery at that moment (the
 * transport's, inside {@code push}, or the subscriber's, inside {@code request} or {@code cancel});
 * they must be quick and must not block: schedule the real work on the transport's own thread or
 * event loop.
 */
public interface EventSink {

  /**
   * Delivers the next event.
   *
   * @return {@code true} if the transport may keep reading; {@code false} if it must pause until
   *     the {@link #onResume} callback runs. Always {@code true} for the terminal event and after
   *     it (events after the terminal one are ignored), so a connection shared by several responses
   *     never stays paused for one that has ended.
   */
  boolean push(ServerEvent event);

  /** Ends the response with an error (connection drop, timeout, protocol violation). */
  void fail(AgentChannelException error);

  /** Registers what to run when a paused transport may read again. Replaces an earlier callback. */
  void onResume(Runnable resume);

  /**
   * Registers what to run when the consumer cancels (abort the exchange, free the lane). Runs at
   * most once; at once if the consumer has already cancelled.
   */
  void onCancel(Runnable cancel);

  /** Whether the consumer has cancelled: a transport may skip work for this response. */
  boolean isCancelled();
}
