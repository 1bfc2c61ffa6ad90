package io.agentchannel;

import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What an agent holds: a channel to a Responses API endpoint over one configured transport (HTTP +
 * SSE, WebSocket mode, ...). The same code runs over every transport; switching is a change of
 * {@code agentchannel.transport}, not of code.
 *
 * <p><b>Getting one.</b> {@link AgentChannels#create(AgentChannelOptions)} without Guice, or inject
 * it with {@code io.agentchannel.guice.AgentChannelModule} (module {@code agentchannel-guice}).
 *
 * <p><b>Lifecycle.</b> A channel opens its connection lazily, on the first {@link #create}, and
 * reopens it on a later call if it was lost. {@link #close()} fails every response still in flight
 * with a {@link io.agentchannel.error.ConnectionException}, closes the connection and releases the
 * transport's threads; after it, {@code create} throws {@link IllegalStateException}.
 *
 * <p><b>Threading.</b> Thread-safe; {@link #create} never blocks (the connection is opened in the
 * background and the returned stream fails if that does).
 *
 * <p><b>Limits.</b> How many responses may be in flight at once is the transport's: over HTTP each
 * is its own exchange; a WebSocket v1 connection carries one at a time.
 */
public interface AgentChannel extends AutoCloseable {

  /**
   * Starts a response and streams its events.
   *
   * @throws IllegalArgumentException if the request has no {@code model}
   * @throws IllegalStateException if the channel is closed
   */
  ResponseStream create(CreateRequest request);

  /**
   * Sends a warm-up ({@code generate:false}): the server prepares instructions and tools and
   * returns a response id, without output, that the first real turn continues from with {@code
   * previous_response_id}. Completes with that response.
   *
   * <p>Needs {@link Capability#WARMUP}; on other transports the future fails with {@link
   * UnsupportedOperationException} naming the transport.
   */
  CompletableFuture<Response> warmup(CreateRequest request);

  /** The id of the transport in use, e.g. {@code http} or {@code websocket}. */
  String transportId();

  /** The capabilities of the transport in use. */
  Set<Capability> capabilities();

  /** What the channel reports about itself (transport in use, HTTP fallback and its reason). */
  default ChannelMetrics metrics() {
    return new ChannelMetrics(transportId(), null, 0);
  }

  /** The options this channel was built with (the API key stays redacted in their toString). */
  AgentChannelOptions options();

  /** Closes the channel; see the class comment. Idempotent. */
  @Override
  void close();
}
