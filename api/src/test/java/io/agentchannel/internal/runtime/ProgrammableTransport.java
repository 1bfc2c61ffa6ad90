package io.agentchannel.internal.runtime;

import io.agentchannel.Capability;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory transport whose answers a test programs: every request is recorded with the session
 * that carried it, and answered by the test's function with events or a failure, pushed on a reader
 * thread.
 */
final class ProgrammableTransport implements Transport {

  /** A request as the transport received it. */
  record Sent(CreateRequest request, int session) {}

  /** What the transport answers a request with. */
  sealed interface Reply permits Answer, Failure {}

  /** Events ending with a terminal one. */
  record Answer(List<ServerEvent> events) implements Reply {}

  /** The sink fails with this error; {@code closeSession} loses the connection too. */
  record Failure(AgentChannelException error, boolean closeSession) implements Reply {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  final List<Session> sessions = new CopyOnWriteArrayList<>();
  private final Set<Capability> capabilities;
  private final Clock clock;
  private volatile Function<Sent, Reply> script;
  private final AtomicInteger responses = new AtomicInteger();
  private final ExecutorService reader =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread thread = new Thread(r, "programmable-reader");
            thread.setDaemon(true);
            return thread;
          });

  ProgrammableTransport(Set<Capability> capabilities, Clock clock) {
    this.capabilities = capabilities;
    this.clock = clock;
    this.script = sent -> text("ok");
  }

  void script(Function<Sent, Reply> script) {
    this.script = script;
  }

  /** A fresh response id. */
  String nextId() {
    return "resp_" + responses.incrementAndGet();
  }

  /** A completed answer with one assistant message. */
  Answer text(String text) {
    String id = nextId();
    MessageItem message = MessageItem.assistant("msg_" + id, text);
    return answer(id, List.of(message), text);
  }

  /** A completed answer calling these tools ({@code callId:name} pairs). */
  Answer calls(String... calls) {
    String id = nextId();
    List<Item> output = new ArrayList<>();
    for (String call : calls) {
      String[] parts = call.split(":");
      output.add(
          new FunctionCallItem("fc_" + parts[0], parts[0], parts[1], "{}", "completed", Map.of()));
    }
    return answer(id, output, null);
  }

  private static Answer answer(String id, List<Item> output, String delta) {
    Response done =
        Response.builder(id).createdAt(1L).status("completed").model("m").output(output).build();
    Response started = done.toBuilder().status("in_progress").output(List.of()).build();
    List<ServerEvent> events = new ArrayList<>();
    events.add(new ServerEvent.ResponseCreated(EventMeta.of(0), started));
    if (delta != null) {
      events.add(new ServerEvent.OutputTextDelta(EventMeta.of(1), "msg_" + id, 0, 0, delta));
    }
    events.add(new ServerEvent.ResponseCompleted(EventMeta.of(2), done));
    return new Answer(events);
  }

  @Override
  public Set<Capability> capabilities() {
    return capabilities;
  }

  @Override
  public CompletionStage<TransportSession> open() {
    Session session = new Session(sessions.size(), clock.instant());
    sessions.add(session);
    return CompletableFuture.completedFuture(session);
  }

  @Override
  public void close() {
    sessions.forEach(Session::close);
    reader.shutdownNow();
  }

  final class Session implements TransportSession {
    final int index;
    final Instant openedAt;
    volatile boolean open = true;

    Session(int index, Instant openedAt) {
      this.index = index;
      this.openedAt = openedAt;
    }

    @Override
    public void send(CreateRequest request, EventSink sink) {
      Sent record = new Sent(request, index);
      sent.add(record);
      Reply reply = script.apply(record);
      reader.execute(
          () -> {
            if (reply instanceof Failure failure) {
              if (failure.closeSession()) {
                open = false;
              }
              sink.fail(failure.error());
            } else {
              for (ServerEvent event : ((Answer) reply).events()) {
                sink.push(event);
              }
            }
          });
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
    }
  }
}
