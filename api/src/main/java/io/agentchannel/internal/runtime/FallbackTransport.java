package io.agentchannel.internal.runtime;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.ChannelMetrics;
import io.agentchannel.error.WebSocketModeUnavailableException;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code transport=auto}: WebSocket mode first, HTTP for the rest of the channel's life once
 * WebSocket mode is known not to work. The switch is sticky and happens at once on a refused
 * upgrade with 426 ({@link WebSocketModeUnavailableException}), and after {@code maxFailedConnects}
 * consecutive failed connects otherwise (a connect that succeeds resets the count). Sessions opened
 * before the switch stay on WebSocket until they end. The HTTP transport is created at the switch.
 *
 * <p>Thread-safe. {@link #close()} closes both transports.
 */
public final class FallbackTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackTransport.class);

  /** Consecutive failed WebSocket connects after which the channel switches to HTTP. */
  public static final int DEFAULT_MAX_FAILED_CONNECTS = 3;

  private final TransportProvider primaryProvider;
  private final Transport primary;
  private final TransportProvider fallbackProvider;
  private final AgentChannelOptions options;
  private final int maxFailedConnects;

  // guarded by this
  private Transport fallback;
  private String fallbackReason;
  private int failedConnects;
  private boolean closed;

  public FallbackTransport(
      TransportProvider primaryProvider,
      TransportProvider fallbackProvider,
      AgentChannelOptions options,
      int maxFailedConnects) {
    this.primaryProvider = primaryProvider;
    this.fallbackProvider = fallbackProvider;
    this.options = options;
    this.maxFailedConnects = maxFailedConnects;
    this.primary = primaryProvider.create(options);
  }

  @Override
  public synchronized Set<Capability> capabilities() {
    return fallback != null ? fallback.capabilities() : primary.capabilities();
  }

  /** The id of the transport new sessions use. */
  public synchronized String currentId() {
    return fallback != null ? fallbackProvider.id() : primaryProvider.id();
  }

  /** The channel's metrics: transport in use, fallback reason, failed connects. */
  public synchronized ChannelMetrics metrics() {
    return new ChannelMetrics(currentId(), fallbackReason, failedConnects);
  }

  @Override
  public CompletionStage<TransportSession> open() {
    Transport current;
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("the transport is closed"));
      }
      current = fallback;
    }
    if (current != null) {
      return current.open();
    }
    return primary
        .open()
        .toCompletableFuture()
        .handle(
            (session, error) -> {
              if (error == null) {
                synchronized (this) {
                  failedConnects = 0;
                }
                return CompletableFuture.completedFuture(session);
              }
              Throwable cause =
                  error instanceof CompletionException && error.getCause() != null
                      ? error.getCause()
                      : error;
              Transport http = onConnectFailure(cause);
              return http == null
                  ? CompletableFuture.<TransportSession>failedFuture(cause)
                  : http.open().toCompletableFuture();
            })
        .thenCompose(stage -> stage);
  }

  /** Counts the failure; returns the HTTP transport once the channel has switched to it. */
  private Transport onConnectFailure(Throwable cause) {
    synchronized (this) {
      if (closed) {
        return null;
      }
      if (fallback != null) {
        return fallback;
      }
      failedConnects++;
      String reason;
      if (cause instanceof WebSocketModeUnavailableException) {
        reason = "the server refused the WebSocket upgrade with 426: " + cause.getMessage();
        LOG.info(
            "transport auto: {}; using {} for the rest of the channel's life",
            reason,
            fallbackProvider.id());
      } else if (failedConnects >= maxFailedConnects) {
        reason =
            failedConnects
                + " WebSocket connects failed in a row, the last with: "
                + cause.getMessage();
        LOG.warn(
            "transport auto: {}; using {} for the rest of the channel's life",
            reason,
            fallbackProvider.id());
      } else {
        return null;
      }
      fallbackReason = reason;
      fallback = fallbackProvider.create(options);
      return fallback;
    }
  }

  @Override
  public void close() {
    Transport http;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      http = fallback;
    }
    primary.close();
    if (http != null) {
      http.close();
    }
  }
}
