package io.agentchannel.transport.vertx.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.transport.vertx.VertxTransportOptions;
import io.agentchannel.websocket.WebSocketModeSession;
import io.agentchannel.websocket.WebSocketModeSettings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.WebSocket;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code vertx} transport: WebSocket mode on a Vert.x 5 {@code WebSocketClient}, with the
 * shared engine ({@link WebSocketModeSession}) over each connection and a {@link PooledSession} per
 * {@link #open()}.
 *
 * <p>Owns: the WebSocket client, a one-thread timer (deadlines, keep-alive, idle eviction), the
 * delivery threads (unless callbacks run on the event loop), and the {@code Vertx} instance when it
 * created it; {@link #close()} releases all of them. A {@code Vertx} passed in by the application
 * is used, never closed.
 */
public final class VertxTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(VertxTransport.class);

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final VertxTransportOptions vertxOptions;
  private final WebSocketModeSettings engineSettings;
  private final ScheduledExecutorService timer;
  private final ExecutorService deliveryThreads; // null when delivering on the event loop
  private final Executor completions;
  private final Connector connector;
  private final Set<Capability> capabilities;
  private final Set<PooledSession> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param vertx the application's instance, or {@code null} to create (and later close) one
   */
  public VertxTransport(
      AgentChannelOptions options, VertxTransportOptions vertxOptions, Vertx vertx) {
    this(options, vertxOptions, vertx, Map.of());
  }

  /**
   * @param upgradeHeaders extra headers on every upgrade request (tests use them to ask the
   *     simulator for faults); never the {@code Authorization} header, which comes from the key
   */
  public VertxTransport(
      AgentChannelOptions options,
      VertxTransportOptions vertxOptions,
      Vertx vertx,
      Map<String, String> upgradeHeaders) {
    Objects.requireNonNull(options, "options");
    this.vertxOptions = Objects.requireNonNull(vertxOptions, "vertxOptions");
    this.ownsVertx = vertx == null;
    this.vertx = ownsVertx ? newVertx(vertxOptions) : vertx;
    this.timer = ExchangeDeadlines.newTimer("agentchannel-vertx-timer");
    this.deliveryThreads =
        vertxOptions.deliverOnEventLoop() ? null : newDeliveryThreads(vertxOptions);
    this.completions = deliveryThreads == null ? Runnable::run : this::completeOffTheLoop;
    this.engineSettings =
        WebSocketModeSettings.of(options.timeouts(), timer)
            .withLanes(vertxOptions.lanes())
            .withKeepAlive(vertxOptions.pingInterval(), vertxOptions.deadPeerTimeout())
            .withMaxQueuedSends(vertxOptions.maxQueuedSends())
            .withRotateAfter(vertxOptions.rotateAfter());
    this.connector =
        new Connector(this.vertx, options, vertxOptions, upgradeHeaders, timer, completions);
    EnumSet<Capability> caps =
        EnumSet.of(
            Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE, Capability.WARMUP);
    if (vertxOptions.lanes()) {
      caps.add(Capability.LANES);
    }
    this.capabilities = Set.copyOf(caps);
  }

  private static Vertx newVertx(VertxTransportOptions options) {
    return Vertx.vertx(
        new VertxOptions()
            .setEventLoopPoolSize(options.eventLoops())
            .setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1)
            .setFileSystemOptions(
                new FileSystemOptions()
                    .setFileCachingEnabled(false)
                    .setClassPathResolvingEnabled(false)));
  }

  private static ExecutorService newDeliveryThreads(VertxTransportOptions options) {
    AtomicInteger count = new AtomicInteger();
    int n = options.deliveryThreads();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            n,
            n,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread t = new Thread(task, "agentchannel-vertx-delivery-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true); // idle transports hold no threads
    return pool;
  }

  /** Once the transport has closed, what still completes (failures) completes in place. */
  private void completeOffTheLoop(Runnable completion) {
    try {
      deliveryThreads.execute(completion);
    } catch (RejectedExecutionException closed) {
      completion.run();
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<TransportSession> open() {
    if (closed) {
      return CompletableFuture.failedFuture(
          ConnectionException.notSent("the vertx transport is closed", null));
    }
    PooledSession[] holder = new PooledSession[1];
    PooledSession session =
        new PooledSession(
            number -> openConnection(),
            vertxOptions.lanes(),
            vertxOptions.maxConnections(),
            vertxOptions.idleEviction(),
            Clock.systemUTC(),
            () -> sessions.remove(holder[0]));
    holder[0] = session;
    sessions.add(session);
    if (closed) { // close() ran meanwhile and may not have seen it
      session.close();
    }
    return session.start(timer);
  }

  private CompletableFuture<TransportSession> openConnection() {
    return connector.connect(this::adopt);
  }

  /** Runs on the new socket's event loop, before anything can be read from it. */
  private TransportSession adopt(WebSocket socket, Context context) {
    Executor reader = deliveryThreads == null ? Runnable::run : new SerialExecutor(deliveryThreads);
    VertxLink link = new VertxLink(socket, context, reader);
    WebSocketModeSession session = new WebSocketModeSession(link, engineSettings);
    link.attach(session);
    return session;
  }

  /** The {@code Vertx} instance in use (the application's or the transport's own). */
  public Vertx vertx() {
    return vertx;
  }

  /** Whether this transport created its {@code Vertx} and so closes it. */
  public boolean ownsVertx() {
    return ownsVertx;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (PooledSession session : sessions) {
      session.close();
    }
    connector.close();
    timer.shutdownNow();
    if (deliveryThreads != null) {
      deliveryThreads.shutdown(); // what is queued (failures of what was in flight) still runs
    }
    if (ownsVertx) {
      closeVertx();
    }
    LOG.debug("vertx transport closed");
  }

  private void closeVertx() {
    var closing = vertx.close();
    if (Context.isOnVertxThread()) {
      return; // waiting here would block the event loop that has to do the closing
    }
    try {
      closing.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } catch (Exception slow) {
      LOG.warn("the transport's Vert.x instance did not close within 10 s", slow);
    }
  }

  @Override
  public String toString() {
    return "VertxTransport[" + connector + ", " + vertxOptions + "]";
  }
}
