package io.agentchannel.transport.websocket;

import static io.agentchannel.transport.websocket.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.Capability;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.transport.websocket.internal.JakartaWebSocketTransport;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** v2 lanes on one connection, and backpressure from a slow subscriber down to the socket. */
class LanesAndFlowTest {

  private static CostProfile tokenGap(Duration gap) {
    return new CostProfile(
        Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, gap, 0);
  }

  /** Records every event with its place in the connection-wide arrival order. */
  private static final class Recorder implements Flow.Subscriber<ServerEvent> {
    private final String name;
    private final List<String> arrivals;
    final StringBuilder deltas = new StringBuilder();
    final List<String> streamIds = Collections.synchronizedList(new ArrayList<>());

    Recorder(String name, List<String> arrivals) {
      this.name = name;
      this.arrivals = arrivals;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ServerEvent event) {
      arrivals.add(name);
      streamIds.add(String.valueOf(event.streamId()));
      if (event instanceof ServerEvent.OutputTextDelta delta) {
        deltas.append(delta.delta());
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }

  @Test
  void lanes_carry_interleaved_responses_on_one_connection() {
    try (SimServer sim =
            SimServer.start(
                SimOptions.builder()
                    .apiKeys(Fixtures.KEY)
                    .webSocketMode(WebSocketMode.V2)
                    .cost(tokenGap(Duration.ofMillis(2)))
                    .build());
        AgentChannel channel =
            AgentChannels.create(
                Fixtures.options(sim).setting(WebSocketTransportOptions.LANES, "true").build())) {
      assertThat(channel.capabilities()).contains(Capability.LANES);
      List<String> arrivals = Collections.synchronizedList(new ArrayList<>());
      List<String> lanes = List.of("a", "b", "main");
      List<Recorder> recorders = new ArrayList<>();
      List<CompletableFuture<Response>> results = new ArrayList<>();
      for (String lane : lanes) {
        var request =
            turn("lane " + lane + " [sim answer_tokens=40]").toBuilder()
                .streamId(lane.equals("main") ? null : lane)
                .build();
        ResponseStream stream = channel.create(request);
        Recorder recorder = new Recorder(lane, arrivals);
        recorders.add(recorder);
        stream.subscribe(recorder);
        results.add(stream.completion());
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();

      for (int i = 0; i < lanes.size(); i++) {
        Response response = results.get(i).join();
        assertThat(recorders.get(i).deltas.toString()).isEqualTo(response.outputText());
        String expectedStreamId = lanes.get(i).equals("main") ? "null" : lanes.get(i);
        assertThat(recorders.get(i).streamIds).containsOnly(expectedStreamId);
      }
      assertThat(results.stream().map(f -> f.join().id()).distinct()).hasSize(3);
      // Interleaved: some event of lane b arrived between the first and last event of lane a.
      int firstA = arrivals.indexOf("a");
      int lastA = arrivals.lastIndexOf("a");
      assertThat(arrivals.subList(firstA, lastA)).contains("b", "main");
      assertThat(sim.stats().connectionsOpened()).isEqualTo(1);
    }
  }

  /** A sink that stops the transport every {@code every} events until the test resumes it. */
  private static final class GateSink implements EventSink {
    private final int every;
    final List<ServerEvent> events = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger pushedWhilePaused = new AtomicInteger();
    final CompletableFuture<ServerEvent> terminal = new CompletableFuture<>();
    volatile boolean paused;
    private volatile Runnable resume = () -> {};

    GateSink(int every) {
      this.every = every;
    }

    @Override
    public boolean push(ServerEvent event) {
      if (paused) {
        pushedWhilePaused.incrementAndGet();
      }
      events.add(event);
      if (event.isTerminal()) {
        terminal.complete(event);
        return true;
      }
      if (events.size() % every == 0) {
        paused = true;
        return false;
      }
      return true;
    }

    void resume() {
      paused = false;
      resume.run();
    }

    @Override
    public void fail(AgentChannelException error) {
      terminal.completeExceptionally(error);
    }

    @Override
    public void onResume(Runnable r) {
      resume = r;
    }

    @Override
    public void onCancel(Runnable cancel) {}

    @Override
    public boolean isCancelled() {
      return false;
    }
  }

  @Test
  void a_paused_sink_stops_reading_from_the_socket_until_it_resumes() throws InterruptedException {
    try (SimServer sim =
        SimServer.start(
            SimOptions.builder().apiKeys(Fixtures.KEY).webSocketMode(WebSocketMode.V1).build())) {
      AgentChannelOptions options = Fixtures.options(sim).build();
      try (JakartaWebSocketTransport transport =
          new JakartaWebSocketTransport(options, WebSocketTransportOptions.from(options))) {
        TransportSession session = transport.open().toCompletableFuture().join();
        GateSink sink = new GateSink(16);
        session.send(turn("flood [sim answer_tokens=400]"), sink);
        for (int round = 0; round < 3; round++) {
          await().until(() -> sink.paused);
          int seen = sink.events.size();
          Thread.sleep(150); // the server has hundreds more events ready: none may arrive
          assertThat(sink.events).hasSize(seen);
          sink.resume();
        }
        while (!sink.terminal.isDone()) {
          if (sink.paused) {
            sink.resume();
          }
          Thread.onSpinWait();
        }
        assertThat(sink.terminal.join()).isInstanceOf(ServerEvent.ResponseCompleted.class);
        assertThat(sink.pushedWhilePaused).hasValue(0);
        List<Long> sequence = sink.events.stream().map(ServerEvent::sequenceNumber).toList();
        for (int i = 0; i < sequence.size(); i++) {
          assertThat(sequence.get(i)).isEqualTo(i);
        }
        assertThat(sequence.size()).isGreaterThan(400);
      }
    }
  }

  @Test
  void a_slow_subscriber_with_a_small_buffer_receives_every_event_in_order() {
    try (SimServer sim =
            SimServer.start(
                SimOptions.builder()
                    .apiKeys(Fixtures.KEY)
                    .webSocketMode(WebSocketMode.V1)
                    .build());
        AgentChannel channel =
            AgentChannels.create(Fixtures.options(sim).streamBufferEvents(8).build())) {
      ResponseStream stream = channel.create(turn("slowly [sim answer_tokens=300]"));
      StringBuilder text = new StringBuilder();
      stream.subscribe(
          new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
              subscription = s;
              s.request(1);
            }

            @Override
            public void onNext(ServerEvent event) {
              if (event instanceof ServerEvent.OutputTextDelta delta) {
                text.append(delta.delta());
                if (text.length() % 50 == 0) {
                  try {
                    Thread.sleep(2);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
              subscription.request(1);
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
          });
      Response response = stream.completion().join();
      assertThat(text.toString()).isEqualTo(response.outputText());
      // The connection is still usable after the long paused stream.
      assertThat(channel.create(turn("next")).drain().join().outputText()).contains("next");
    }
  }
}
