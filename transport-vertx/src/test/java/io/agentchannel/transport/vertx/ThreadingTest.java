package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.ResponseStream;
import io.agentchannel.internal.DefaultAgentChannel;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.wire.model.ServerEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Where subscriber callbacks run, whose Vert.x instance is used, and that nothing is leaked. */
class ThreadingTest extends SimFixture {

  @Test
  void by_default_callbacks_run_on_delivery_threads_never_on_an_event_loop() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    Recorder recorder = run(channel, "[sim answer_tokens=100] hi");
    assertThat(recorder.seen)
        .allSatisfy(s -> assertThat(s.thread()).startsWith("agentchannel-vertx-delivery-"));
  }

  @Test
  void on_request_callbacks_run_on_the_connections_event_loop() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim, Map.of("agentchannel.vertx.deliver-on-event-loop", "true"));
    Recorder recorder = run(channel, "[sim answer_tokens=100] hi");
    assertThat(recorder.seen.stream().map(Recorder.Seen::thread).collect(Collectors.toSet()))
        .singleElement()
        .satisfies(thread -> assertThat(thread).startsWith("vert.x-eventloop-thread-"));
  }

  @Test
  void an_applications_vertx_is_used_and_left_running() throws Exception {
    SimServer sim = sim();
    Vertx application = Vertx.vertx();
    try {
      AgentChannelOptions options =
          options(sim).setting("agentchannel.vertx.deliver-on-event-loop", "true").build();
      Transport transport = VertxTransportProvider.create(options, application);
      CopyOnWriteArrayList<Vertx> owners = new CopyOnWriteArrayList<>();
      try (AgentChannel channel = new DefaultAgentChannel("vertx", transport, options)) {
        ResponseStream stream = channel.create(ask("hi").build());
        stream.subscribe(new OwnerRecorder(owners));
        stream.completion().get(20, TimeUnit.SECONDS);
      }
      assertThat(owners).isNotEmpty().allSatisfy(v -> assertThat(v).isSameAs(application));
      // Closing the channel closed the transport, not the application's Vert.x.
      Integer answer =
          application
              .executeBlocking(() -> 42)
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, TimeUnit.SECONDS);
      assertThat(answer).isEqualTo(42);
    } finally {
      application.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void closing_releases_every_thread_the_transport_started() throws Exception {
    SimServer sim = sim();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    AgentChannel channel = AgentChannels.create(options(sim).build());
    run(channel, "hi");
    run(channel, "[sim answer_tokens=50] again");
    channel.close();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> startedSince(before).isEmpty());
  }

  private static Set<String> startedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .filter(n -> n.startsWith("vert.x-") || n.startsWith("agentchannel-vertx-"))
        .collect(Collectors.toSet());
  }

  private static Recorder run(AgentChannel channel, String text) throws Exception {
    Recorder recorder = new Recorder(new AtomicLong());
    ResponseStream stream = channel.create(ask(text).build());
    stream.subscribe(recorder);
    stream.completion().get(20, TimeUnit.SECONDS);
    assertThat(recorder.seen).isNotEmpty();
    return recorder;
  }

  /** Records which Vert.x instance's context each callback ran on. */
  private record OwnerRecorder(CopyOnWriteArrayList<Vertx> owners)
      implements Flow.Subscriber<ServerEvent> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ServerEvent item) {
      Context context = Vertx.currentContext();
      if (context != null) {
        owners.add(context.owner());
      } else {
        owners.add(null);
      }
    }

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}
