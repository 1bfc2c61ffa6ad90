package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.ResponseStream;
import io.agentchannel.sim.SimServer;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Cancelling a response, and a slow subscriber with a small buffer. */
class CancelAndOrderTest extends SimFixture {

  @Test
  void a_cancelled_response_is_drained_and_the_connection_serves_the_next_turn() throws Exception {
    SimServer sim = sim(o -> o.cost(SlowTokens.PROFILE));
    AgentChannel channel = channel(sim);
    ResponseStream stream = channel.create(ask("[sim answer_tokens=300] long").build());
    Recorder recorder = new Recorder(new AtomicLong());
    stream.subscribe(recorder);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.seen.size() > 5);
    stream.cancel();
    Throwable cancelled = catchThrowable(() -> stream.completion().get(5, TimeUnit.SECONDS));
    assertThat(cancelled).isInstanceOf(CancellationException.class);

    // v1: the next turn waits for the cancelled one's terminal event, on the same connection.
    Response next = channel.create(ask("next").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(next.outputText()).isEqualTo("echo: next");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(1);
  }

  @Test
  void a_slow_subscriber_with_a_small_buffer_receives_every_event_in_order() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim, Map.of("agentchannel.stream.buffer-events", "4"));
    ResponseStream stream = channel.create(ask("[sim answer_tokens=300] many").build());
    SlowSubscriber subscriber = new SlowSubscriber();
    stream.subscribe(subscriber);
    subscriber.done.get(30, TimeUnit.SECONDS);
    List<Long> sequence = subscriber.events.stream().map(ServerEvent::sequenceNumber).toList();
    assertThat(sequence).hasSizeGreaterThan(300);
    for (int i = 0; i < sequence.size(); i++) {
      assertThat(sequence.get(i)).isEqualTo(i);
    }
    assertThat(subscriber.events.get(sequence.size() - 1))
        .isInstanceOf(ServerEvent.ResponseCompleted.class);
  }

  /** Takes one event at a time and dawdles every 50th. */
  private static final class SlowSubscriber implements Flow.Subscriber<ServerEvent> {
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private Flow.Subscription subscription;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(1);
    }

    @Override
    public void onNext(ServerEvent event) {
      events.add(event);
      if (events.size() % 50 == 0) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }
  }
}
