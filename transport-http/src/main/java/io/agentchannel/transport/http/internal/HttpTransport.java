package io.agentchannel.transport.http.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.transport.http.HttpTransportOptions;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured HTTP transport: one {@link HttpClient} (with its own executor) and one deadline
 * timer, shared by every session and response. Sessions are logical; the client pools the
 * connections.
 *
 * <p>Thread-safe. {@link #close()} closes every session (failing what is in flight), stops the
 * executor and the timer, and drops the client: on JDK 21 and later it is closed at once; on JDK 17
 * its selector thread ends as soon as the client is unreachable, which needs every exchange to be
 * over (close aborted them) and a garbage collection.
 */
public final class HttpTransport implements Transport {

  private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);
  private static final AtomicInteger TRANSPORTS = new AtomicInteger();

  private final ExchangeSettings settings;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final Set<HttpSession> sessions = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private HttpClient client; // guarded by lock; null once closed

  public HttpTransport(AgentChannelOptions options, HttpTransportOptions httpOptions) {
    int id = TRANSPORTS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread =
                  new Thread(task, "agentchannel-http-" + id + "-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.timer = ExchangeDeadlines.newTimer("agentchannel-http-" + id + "-deadlines");
    this.client = HttpClients.build(options, httpOptions, executor);
    this.settings = new ExchangeSettings(options, httpOptions, executor, timer);
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public CompletionStage<TransportSession> open() {
    synchronized (lock) {
      if (client == null) {
        return CompletableFuture.failedFuture(
            io.agentchannel.error.ConnectionException.notSent(
                "the HTTP transport is closed", null));
      }
      HttpSession session = new HttpSession(client, settings, sessions::remove);
      sessions.add(session);
      return CompletableFuture.completedFuture(session);
    }
  }

  @Override
  public void close() {
    HttpClient closing;
    synchronized (lock) {
      closing = client;
      client = null;
    }
    if (closing == null) {
      return;
    }
    for (HttpSession session : sessions) {
      session.close();
    }
    sessions.clear();
    if (closing instanceof AutoCloseable closeable) {
      // JDK 21+: closes the connections and stops the selector thread now.
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("closing the HTTP client failed", e);
      }
    }
    timer.shutdownNow();
    // Not shutdownNow: the client may still run the last steps of exchanges that have ended
    // (returning a connection, releasing its own reference counts); interrupting those would keep
    // its selector thread alive. Idle threads stop at once, busy ones after their task.
    executor.shutdown();
  }
}
