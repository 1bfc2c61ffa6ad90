package io.agentchannel.transport.http.internal;

import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A logical session over the transport's shared client: it owns no connection, so any number of
 * responses may be in flight at once (each its own HTTP exchange, on a pooled HTTP/1.1 connection
 * or an HTTP/2 stream). It tracks them so that {@link #close()} can fail and abort them.
 *
 * <p>Thread-safe; {@link #send} never blocks.
 */
final class HttpSession implements TransportSession {

  private volatile HttpClient client; // dropped on close, so that a closed client can be collected
  private final ExchangeSettings settings;
  private final Consumer<HttpSession> onClose;
  private final Instant openedAt = Instant.now();
  private final Set<SseExchange> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  HttpSession(HttpClient client, ExchangeSettings settings, Consumer<HttpSession> onClose) {
    this.client = client;
    this.settings = settings;
    this.onClose = onClose;
  }

  @Override
  public void send(CreateRequest request, EventSink sink) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(sink, "sink");
    HttpClient current = client;
    if (closed || current == null) {
      sink.fail(ConnectionException.notSent("the HTTP session is closed", null));
      return;
    }
    SseExchange exchange = new SseExchange(settings, inFlight::remove);
    inFlight.add(exchange);
    exchange.start(current, request, sink);
    if (closed) {
      // close() ran while this exchange was being added: it may not have seen it.
      exchange.closeWith(ConnectionException.afterSend("the HTTP session was closed", null));
    }
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public Instant openedAt() {
    return openedAt;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    client = null;
    for (SseExchange exchange : inFlight) {
      exchange.closeWith(ConnectionException.afterSend("the HTTP session was closed", null));
    }
    onClose.accept(this);
  }
}
