package io.agentchannel.internal;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.ChannelMetrics;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.internal.runtime.FallbackTransport;
import io.agentchannel.internal.runtime.SessionHost;
import io.agentchannel.internal.runtime.SessionLease;
import io.agentchannel.internal.runtime.SessionPool;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel over one transport session, opened lazily and reopened when lost. It tracks the
 * streams in flight so that {@link #close()} can fail them instead of leaving them hanging.
 */
public final class DefaultAgentChannel implements AgentChannel, SessionHost {

  private static final Logger LOG = LoggerFactory.getLogger(DefaultAgentChannel.class);

  private final String transportId;
  private final Transport transport;
  private final AgentChannelOptions options;
  private final Set<BufferedResponseStream> inFlight = ConcurrentHashMap.newKeySet();

  private final Object sessionLock = new Object();
  private CompletableFuture<TransportSession> session; // guarded by sessionLock
  private boolean closed; // guarded by sessionLock
  private final SessionPool pool;

  public DefaultAgentChannel(String transportId, Transport transport, AgentChannelOptions options) {
    this.transportId = Objects.requireNonNull(transportId, "transportId");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.options = Objects.requireNonNull(options, "options");
    this.pool = new SessionPool(transport, this::transportId, this::currentSession);
  }

  @Override
  public CompletableFuture<SessionLease> acquire(Duration rotateAfter, Clock clock) {
    if (isClosed()) {
      throw new IllegalStateException("the channel is closed");
    }
    return pool.acquire(rotateAfter, clock);
  }

  @Override
  public void release(SessionLease lease, boolean reusable) {
    pool.release(lease, reusable);
  }

  /** Sends on a session a conversation holds, tracked like every other stream of the channel. */
  @Override
  public ResponseStream send(SessionLease lease, CreateRequest request) {
    BufferedResponseStream stream = new BufferedResponseStream(options.streamBufferEvents());
    inFlight.add(stream);
    stream.completion().whenComplete((response, error) -> inFlight.remove(stream));
    if (isClosed()) {
      stream.fail(ConnectionException.notSent("the channel was closed", null));
      return stream;
    }
    sendOn(lease.session(), request, stream);
    return stream;
  }

  @Override
  public ResponseStream create(CreateRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.model() == null || request.model().isBlank()) {
      throw new IllegalArgumentException("the request has no model; set CreateRequest.model");
    }
    BufferedResponseStream stream = new BufferedResponseStream(options.streamBufferEvents());
    CompletableFuture<TransportSession> current = currentSession();
    inFlight.add(stream);
    stream.completion().whenComplete((response, error) -> inFlight.remove(stream));
    if (isClosed()) {
      // close() ran between currentSession() and add(): it may not have seen this stream.
      stream.fail(ConnectionException.notSent("the channel was closed", null));
      return stream;
    }
    current.whenComplete(
        (session, error) -> {
          if (error != null) {
            stream.fail(asChannelError(error));
          } else {
            sendOn(session, request, stream);
          }
        });
    return stream;
  }

  @Override
  public CompletableFuture<Response> warmup(CreateRequest request) {
    if (!transport.capabilities().contains(Capability.WARMUP)) {
      return CompletableFuture.failedFuture(
          new UnsupportedOperationException(
              "transport '" + transportId + "' does not declare the WARMUP capability"));
    }
    CreateRequest warmup =
        request.isWarmup() ? request : request.toBuilder().generate(false).build();
    return create(warmup).drain();
  }

  @Override
  public String transportId() {
    return transport instanceof FallbackTransport fallback ? fallback.currentId() : transportId;
  }

  @Override
  public ChannelMetrics metrics() {
    return transport instanceof FallbackTransport fallback
        ? fallback.metrics()
        : new ChannelMetrics(transportId, null, 0);
  }

  @Override
  public Set<Capability> capabilities() {
    return transport.capabilities();
  }

  @Override
  public AgentChannelOptions options() {
    return options;
  }

  @Override
  public void close() {
    CompletableFuture<TransportSession> current;
    synchronized (sessionLock) {
      if (closed) {
        return;
      }
      closed = true;
      current = session;
      session = null;
    }
    for (BufferedResponseStream stream : inFlight) {
      stream.fail(ConnectionException.afterSend("the channel was closed", null));
    }
    if (current != null) {
      current.thenAccept(TransportSession::close);
    }
    pool.close();
    transport.close();
    LOG.debug("channel over transport '{}' closed", transportId);
  }

  private static void sendOn(
      TransportSession session, CreateRequest request, BufferedResponseStream stream) {
    try {
      session.send(request, stream);
    } catch (AgentChannelException rejected) {
      stream.fail(rejected);
    } catch (RuntimeException transportBug) {
      // The SPI says send reports through the sink; a throw means nothing was written.
      stream.fail(
          ConnectionException.notSent(
              "the transport rejected the request: " + transportBug, transportBug));
    }
  }

  private boolean isClosed() {
    synchronized (sessionLock) {
      return closed;
    }
  }

  private CompletableFuture<TransportSession> currentSession() {
    synchronized (sessionLock) {
      if (closed) {
        throw new IllegalStateException("the channel is closed");
      }
      if (session == null || isLost(session)) {
        session = transport.open().toCompletableFuture();
      }
      return session;
    }
  }

  private static boolean isLost(CompletableFuture<TransportSession> session) {
    return session.isCompletedExceptionally() || (session.isDone() && !session.join().isOpen());
  }

  private static AgentChannelException asChannelError(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof AgentChannelException channelError) {
      return channelError;
    }
    return ConnectionException.notSent("could not open a session: " + cause, cause);
  }
}
