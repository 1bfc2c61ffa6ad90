package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A subscriber that stops taking events stops the socket: while it is full only the frames already
 * read arrive, not the rest of a long response; when it resumes, everything arrives.
 */
class SlowSubscriberTest extends SimFixture {

  private static final int TOKENS = 4000;
  private static final int FULL_AT = 10;

  @ParameterizedTest(name = "deliver-on-event-loop={0}")
  @ValueSource(booleans = {false, true})
  void a_full_subscriber_pauses_the_socket_until_it_resumes(boolean onEventLoop) throws Exception {
    SimServer sim = sim();
    Transport transport =
        transport(
            options(sim)
                .setting("agentchannel.vertx.deliver-on-event-loop", Boolean.toString(onEventLoop))
                .build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    StallingSink sink = new StallingSink();
    session.send(ask("[sim answer_tokens=" + TOKENS + "] long").build(), sink);

    await().atMost(Duration.ofSeconds(10)).until(() -> sink.pushed.get() >= FULL_AT);
    Thread.sleep(500); // time enough to read the whole response if nothing held the socket
    int whilePaused = sink.pushed.get();
    // What was already read when the sink filled up: the reader's queue and a frame or two.
    assertThat(whilePaused).isLessThan(FULL_AT + 3 * 32).isLessThan(TOKENS / 10);
    assertThat(sink.done).isNotDone();

    sink.release();
    assertThat(sink.done.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ServerEvent.ResponseCompleted.class);
    assertThat(sink.pushed.get()).isGreaterThan(TOKENS); // every delta, plus the lifecycle events
  }

  /** Full after {@value #FULL_AT} events, until released. */
  private static final class StallingSink implements EventSink {
    final AtomicInteger pushed = new AtomicInteger();
    final CompletableFuture<ServerEvent> done = new CompletableFuture<>();
    private volatile boolean released;
    private volatile Runnable resume;

    @Override
    public boolean push(ServerEvent event) {
      int n = pushed.incrementAndGet();
      if (event.isTerminal()) {
        done.complete(event);
        return true;
      }
      return released || n < FULL_AT;
    }

    void release() {
      released = true;
      Runnable callback = resume;
      if (callback != null) {
        callback.run();
      }
    }

    @Override
    public void fail(AgentChannelException error) {
      done.completeExceptionally(error);
    }

    @Override
    public void onResume(Runnable resume) {
      this.resume = resume;
    }

    @Override
    public void onCancel(Runnable cancel) {}

    @Override
    public boolean isCancelled() {
      return false;
    }
  }
}
