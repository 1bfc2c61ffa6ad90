package io.agentchannel;

import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.testing.Events;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory transport for tests of the layers above the SPI (channel, wiring): it answers each
 * request with the event sequence of an echo answer on its own "reader" thread, honouring the
 * sink's pause/resume. Registered under two ids, {@code scripted} (every capability) and {@code
 * plain} (none), so tests can show that switching transport is a configuration change.
 */
public class ScriptedTransportProvider implements TransportProvider {

  private final String id;
  private final Set<Capability> capabilities;

  public ScriptedTransportProvider() {
    this("scripted", EnumSet.allOf(Capability.class));
  }

  public ScriptedTransportProvider(String id, Set<Capability> capabilities) {
    this.id = id;
    this.capabilities = capabilities;
  }

  /** The same transport with no capabilities, as an HTTP transport would declare. */
  public static final class Plain extends ScriptedTransportProvider {
    public Plain() {
      super("plain", EnumSet.noneOf(Capability.class));
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  /** The transport most recently created, for tests that check what the channel did with it. */
  public static volatile ScriptedTransport lastCreated;

  @Override
  public Transport create(AgentChannelOptions options) {
    ScriptedTransport transport = new ScriptedTransport(capabilities);
    lastCreated = transport;
    return transport;
  }

  /** The transport: counts what it did so tests can check the channel's lifecycle. */
  public static final class ScriptedTransport implements Transport {
    public final AtomicInteger opened = new AtomicInteger();
    public final AtomicInteger closedSessions = new AtomicInteger();
    public volatile boolean closed;
    private final Set<Capability> capabilities;
    private final ExecutorService reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "scripted-reader");
              thread.setDaemon(true);
              return thread;
            });

    ScriptedTransport(Set<Capability> capabilities) {
      this.capabilities = capabilities;
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }

    @Override
    public CompletionStage<TransportSession> open() {
      if (closed) {
        return CompletableFuture.failedFuture(new IllegalStateException("transport closed"));
      }
      opened.incrementAndGet();
      return CompletableFuture.completedFuture(new Session());
    }

    @Override
    public void close() {
      closed = true;
      reader.shutdownNow();
    }

    private final class Session implements TransportSession {
      private final Instant openedAt = Instant.now();
      private volatile boolean open = true;
      private final AtomicInteger responses = new AtomicInteger();

      @Override
      public void send(CreateRequest request, EventSink sink) {
        String id = "resp_" + responses.incrementAndGet();
        Iterator<ServerEvent> script = scriptFor(id, request).iterator();
        reader.execute(() -> pump(script, sink));
        if (request.metadata() != null && "true".equals(request.metadata().get("drop"))) {
          open = false; // the connection is lost once this response is out
        }
      }

      /** Pushes until the sink asks to pause; the resume callback continues from there. */
      private void pump(Iterator<ServerEvent> script, EventSink sink) {
        sink.onResume(() -> reader.execute(() -> pump(script, sink)));
        while (script.hasNext() && !sink.isCancelled()) {
          if (!sink.push(script.next())) {
            return;
          }
        }
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public Instant openedAt() {
        return openedAt;
      }

      @Override
      public void close() {
        open = false;
        closedSessions.incrementAndGet();
      }
    }
  }

  /** Warm-ups get created + completed; other requests an echo of the input, one word a delta. */
  static List<ServerEvent> scriptFor(String id, CreateRequest request) {
    if (request.isWarmup()) {
      Response warm = Events.response(id, Response.STATUS_COMPLETED, null);
      return List.of(
          new ServerEvent.ResponseCreated(
              EventMeta.of(0), warm.toBuilder().status("in_progress").build()),
          new ServerEvent.ResponseCompleted(EventMeta.of(1), warm));
    }
    String text = "";
    if (request.input() != null
        && !request.input().isEmpty()
        && request.input().get(0) instanceof MessageItem message) {
      text = message.text();
    }
    String hold = request.metadata() == null ? null : request.metadata().get("hold");
    List<String> deltas = new ArrayList<>();
    for (String word : ("echo: " + text).split("(?<= )")) {
      deltas.add(word);
    }
    List<ServerEvent> events = Events.textAnswer(id, deltas);
    if ("true".equals(hold)) {
      // Never finishes: for tests of close() with a response in flight.
      return events.subList(0, events.size() - 1);
    }
    return events;
  }
}
