package io.agentchannel.transport.websocket.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.transport.websocket.WebSocketTransportOptions;
import io.agentchannel.websocket.WebSocketModeSession;
import io.agentchannel.websocket.WebSocketModeSettings;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.WebSocketContainer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code websocket} transport: opens one Jakarta WebSocket connection per session on a
 * container made by {@link TyrusSpecifics}, and runs WebSocket mode over it with the api's shared
 * engine ({@link WebSocketModeSession}).
 *
 * <p><b>Threads.</b> Connects run on a small daemon pool ({@code agentchannel-websocket-connect-N},
 * idle threads end after 10 s) because the Jakarta connect call blocks; deadlines and keep-alive
 * run on one daemon timer ({@code agentchannel-websocket-timer}); frames are read on the
 * container's I/O threads. {@link #close()} closes every connection and stops all of them.
 *
 * <p>Thread-safe.
 */
public final class JakartaWebSocketTransport implements Transport {

  private final URI url;
  private final WebSocketContainer container;
  private final ClientEndpointConfig endpointConfig;
  private final WebSocketModeSettings settings;
  private final Set<Capability> capabilities;
  private final Duration connectTimeout;
  private final ScheduledExecutorService timer;
  private final ExecutorService connects;

  /** How long past the CONNECT deadline Tyrus's own handshake timeout gets to report first. */
  private static final Duration CONNECT_GRACE = Duration.ofMillis(500);

  private final Set<JakartaLink> links = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public JakartaWebSocketTransport(AgentChannelOptions options, WebSocketTransportOptions ws) {
    this(options, ws, Map.of());
  }

  /**
   * @param extraUpgradeHeaders headers added to every upgrade request beside {@code Authorization}
   *     (tests use them to ask the simulator for faults)
   */
  public JakartaWebSocketTransport(
      AgentChannelOptions options,
      WebSocketTransportOptions ws,
      Map<String, String> extraUpgradeHeaders) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(ws, "ws");
    options.requireApiKeyUnlessLoopback();
    this.url = options.webSocketUrl();
    this.connectTimeout = options.timeouts().connect();
    this.endpointConfig =
        ClientEndpointConfig.Builder.create()
            .configurator(new UpgradeHeaders(options.apiKey().orElse(null), extraUpgradeHeaders))
            .build();
    this.timer = ExchangeDeadlines.newTimer("agentchannel-websocket-timer");
    this.connects = connectPool();
    this.settings =
        new WebSocketModeSettings(
            options.timeouts(),
            timer,
            ws.lanes(),
            ws.pingInterval(),
            ws.deadPeerTimeout(),
            ws.maxQueuedSends(),
            ws.rotateAfter(),
            Clock.systemUTC());
    EnumSet<Capability> declared =
        EnumSet.of(
            Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE, Capability.WARMUP);
    if (ws.lanes()) {
      declared.add(Capability.LANES);
    }
    this.capabilities = Set.copyOf(declared);
    this.container = TyrusSpecifics.newContainer(options, url);
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<TransportSession> open() {
    if (closed) {
      return CompletableFuture.failedFuture(
          ConnectionException.notSent("the websocket transport is closed", null));
    }
    CompletableFuture<TransportSession> connecting;
    try {
      connecting = CompletableFuture.supplyAsync(this::connect, connects);
    } catch (RejectedExecutionException closing) {
      return CompletableFuture.failedFuture(
          ConnectionException.notSent("the websocket transport is closed", closing));
    }
    return connectDeadline(connecting);
  }

  /**
   * Tyrus's handshake timeout covers the upgrade; this covers everything before it too (a TCP
   * connect that hangs), so CONNECT never waits past its deadline plus a grace for Tyrus's own
   * error to arrive first. A connection that completes after the deadline is closed at once.
   */
  private CompletionStage<TransportSession> connectDeadline(
      CompletableFuture<TransportSession> connecting) {
    if (connectTimeout.isZero()) {
      return connecting;
    }
    CompletableFuture<TransportSession> result = new CompletableFuture<>();
    ScheduledFuture<?> deadline;
    try {
      deadline =
          timer.schedule(
              () ->
                  result.completeExceptionally(
                      new PhaseTimeoutException(
                          PhaseTimeoutException.Phase.CONNECT,
                          connectTimeout,
                          "WebSocket connect to " + url)),
              connectTimeout.plus(CONNECT_GRACE).toNanos(),
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      return connecting;
    }
    connecting.whenComplete(
        (session, error) -> {
          deadline.cancel(false);
          if (error != null) {
            result.completeExceptionally(
                error instanceof CompletionException && error.getCause() != null
                    ? error.getCause()
                    : error);
          } else if (!result.complete(session)) {
            session.close(); // too late: the caller was already told CONNECT timed out
          }
        });
    return result;
  }

  /** How many connections are open; for tests and metrics. */
  public int openConnections() {
    return links.size();
  }

  private TransportSession connect() {
    JakartaLink link = new JakartaLink(l -> new WebSocketModeSession(l, settings), links::remove);
    links.add(link);
    long start = System.nanoTime();
    try {
      container.connectToServer(link, endpointConfig, url);
    } catch (Exception failed) {
      links.remove(link);
      throw new CompletionException(
          TyrusSpecifics.upgradeFailure(failed, url, connectTimeout, System.nanoTime() - start));
    }
    WebSocketModeSession session = link.session();
    if (closed) {
      session.close();
      throw new CompletionException(
          ConnectionException.notSent("the websocket transport was closed while connecting", null));
    }
    return session;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<JakartaLink> open = new ArrayList<>(links);
    for (JakartaLink link : open) {
      WebSocketModeSession session = link.session();
      if (session != null) {
        session.close(); // fails what is still in flight, then closes the socket
      }
      link.close(1001, "transport closed"); // a no-op unless the session had already given up
    }
    connects.shutdownNow();
    timer.shutdownNow();
    TyrusSpecifics.shutdown(container);
  }

  private static ExecutorService connectPool() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            10,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread thread =
                  new Thread(task, "agentchannel-websocket-connect-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return pool;
  }
}
