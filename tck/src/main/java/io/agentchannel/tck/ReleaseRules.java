package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.agentchannel.AgentChannel;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSink;
import io.agentchannel.tck.internal.RecordingSubscriber;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** RULES.md area 9: resource release. */
abstract class ReleaseRules extends FaultRules {

  /** Threads the JVM shares between everyone, which no transport owns. */
  private static final List<String> SHARED_THREADS =
      List.of("ForkJoinPool.commonPool-", "Common-Cleaner", "Attach Listener", "process reaper");

  @Test
  public void ac_9_1_a_transport_closed_twice_refuses_to_open() throws Exception {
    try (Fixture f = fixture()) {
      Transport transport = f.transport(f.options().build());
      transport.close();
      transport.close(); // idempotent: must not throw
      CompletionStage<TransportSession> stage;
      try {
        stage = transport.open();
      } catch (IllegalStateException | AgentChannelException refused) {
        return; // refusing at once is clear
      }
      try {
        TransportSession session =
            stage.toCompletableFuture().get(await().toNanos(), TimeUnit.NANOSECONDS);
        session.close();
        fail("AC-9.1: Transport.open() after close() opened a session; it must fail");
      } catch (ExecutionException expected) {
        assertThat(expected.getCause())
            .as("AC-9.1: open() after close() fails with a clear error")
            .isInstanceOfAny(IllegalStateException.class, AgentChannelException.class);
      } catch (TimeoutException hang) {
        fail(
            "AC-9.1: Transport.open() after close() neither failed nor completed within %s",
            await());
      }
    }
  }

  @Test
  public void ac_9_2_closing_a_session_fails_its_responses_in_flight() throws Exception {
    try (Fixture f = fixture()) {
      TransportSession session = f.session();
      RecordingSink sink = RecordingSink.unbounded();
      session.send(faulty("[sim answer_tokens=50] hold", "stall_after:2"), sink);
      eventually(
          () -> sink.pushed.size() >= 2,
          () -> "AC-9.2: 2 events before the stall; " + sink.describe());
      session.close();
      awaitEnd(sink, "AC-9.2");
      assertThat(sink.failures)
          .as(
              "AC-9.2: the response in flight fails with a ConnectionException when its session"
                  + " closes; %s",
              sink.describe())
          .singleElement()
          .isInstanceOf(ConnectionException.class);
      assertThat(session.isOpen()).as("AC-9.2: isOpen() after close()").isFalse();
      session.close(); // idempotent: must not throw
    }
  }

  @Test
  public void ac_9_3_a_channel_closed_twice_or_used_after_close_fails_clearly() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      responseOf(channel.create(echo("before close").build()).drain(), "AC-9.3");
      channel.close();
      channel.close();
      assertThatThrownBy(() -> channel.create(echo("after close").build()))
          .as("AC-9.3: create() on a closed channel")
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("closed");
    }
  }

  @Test
  public void ac_9_4_closing_the_channel_closes_its_connections() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      RecordingSubscriber s = RecordingSubscriber.unbounded();
      ResponseStream stream =
          channel.create(faulty("[sim answer_tokens=50] hold", "stall_after:2"));
      stream.subscribe(s);
      eventually(
          () -> s.events.size() >= 2, () -> "AC-9.4: 2 events before the stall; " + s.describe());
      channel.close();
      awaitTermination(s, "AC-9.4");
      assertThat(s.error())
          .as("AC-9.4: the response in flight when the channel closed; saw %s", s.describe())
          .isInstanceOf(ConnectionException.class);
      eventually(
          () -> f.sim().stats().connectionsActive() == 0,
          () ->
              "AC-9.4: the simulator still has "
                  + f.sim().stats().connectionsActive()
                  + " connection(s) open after the channel closed: a socket leaks");
    }
  }

  @Test
  @ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
  public void ac_9_5_no_thread_outlives_close() throws Exception {
    try (Fixture f = fixture()) {
      Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
      try (AgentChannel channel = f.channel()) {
        responseOf(channel.create(echo("threads").build()).drain(), "AC-9.5");
      }
      eventually(
          () -> {
            System.gc(); // some JDK clients end their selector thread once unreachable
            return newThreads(before).isEmpty();
          },
          () ->
              "AC-9.5: threads started by the transport still alive after close: "
                  + newThreads(before)
                  + "; Transport.close() must stop its executors, timers and event loops");
    }
  }

  private static Set<String> newThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .filter(name -> SHARED_THREADS.stream().noneMatch(name::startsWith))
        .collect(Collectors.toSet());
  }

  /** Polls {@code condition} until the await timeout; fails with {@code message} then. */
  final void eventually(BooleanSupplier condition, Supplier<String> message) throws Exception {
    long deadline = System.nanoTime() + await().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("%s (waited %s)", message.get(), await());
      }
      Thread.sleep(20);
    }
  }
}
