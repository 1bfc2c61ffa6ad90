package io.agentchannel.tck.reference;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/** The reference transport: one HTTP client, one reader thread per response in flight. */
final class ReferenceSseTransport implements Transport {

  private static final AtomicInteger THREADS = new AtomicInteger();

  final AgentChannelOptions options;
  final ScheduledExecutorService timer = ExchangeDeadlines.newTimer("reference-sse-deadlines");
  final ExecutorService readers =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "reference-sse-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          });
  private volatile HttpClient client;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  ReferenceSseTransport(AgentChannelOptions options) {
    this.options = options;
    HttpClient.Builder builder =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(readers);
    if (!options.timeouts().connect().isZero()) {
      builder.connectTimeout(options.timeouts().connect());
    }
    this.client = builder.build();
  }

  HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      throw new IllegalStateException("the transport is closed");
    }
    return current;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public CompletionStage<TransportSession> open() {
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the transport is closed"));
    }
    Session session = new Session();
    sessions.add(session);
    return CompletableFuture.completedFuture(session);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    sessions.forEach(Session::close);
    client = null; // the JDK 17 client's selector thread ends once the client is unreachable
    readers.shutdown();
    timer.shutdownNow();
  }

  final class Session implements TransportSession {
    private final Instant openedAt = Instant.now();
    private final Set<SseExchange> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    @Override
    public void send(CreateRequest request, EventSink sink) {
      if (!open || closed) {
        sink.fail(ConnectionException.notSent("the session is closed", null));
        return;
      }
      SseExchange exchange =
          new SseExchange(ReferenceSseTransport.this, request, sink, inFlight::remove);
      inFlight.add(exchange);
      readers.execute(exchange);
    }

    @Override
    public boolean isOpen() {
      return open && !closed;
    }

    @Override
    public Instant openedAt() {
      return openedAt;
    }

    @Override
    public void close() {
      open = false;
      sessions.remove(this);
      for (SseExchange exchange : inFlight) {
        exchange.abort(ConnectionException.afterSend("the session was closed", null));
      }
    }
  }
}
