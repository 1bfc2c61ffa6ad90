package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The documented bound: a response never holds more than {@code agentchannel.stream.buffer-events}
 * events a subscriber has not taken, however fast the server sends and however slowly the
 * subscriber asks. A transport that read the body eagerly would push the 100 000 deltas as fast as
 * they arrive and blow through the bound during the subscriber's pauses.
 */
class HttpBackpressureTest {

  private static final int BUFFER_EVENTS = 64;
  private static final int DELTAS = 100_000;
  private static final int REQUEST_BATCH = 16;

  /** Counts what the transport pushes and watches how far it runs ahead of the subscriber. */
  static final class CountingSink implements EventSink {
    final EventSink target;
    final AtomicLong delivered;
    final AtomicLong pushed = new AtomicLong();
    final AtomicLong maxAhead = new AtomicLong();
    final AtomicLong refusals = new AtomicLong();
    final AtomicLong resumes = new AtomicLong();

    CountingSink(EventSink target, AtomicLong delivered) {
      this.target = target;
      this.delivered = delivered;
    }

    @Override
    public boolean push(ServerEvent event) {
      long ahead = pushed.incrementAndGet() - delivered.get();
      maxAhead.accumulateAndGet(ahead, Math::max);
      boolean accepted = target.push(event);
      if (!accepted) {
        refusals.incrementAndGet();
      }
      return accepted;
    }

    @Override
    public void fail(AgentChannelException error) {
      target.fail(error);
    }

    @Override
    public void onResume(Runnable resume) {
      target.onResume(
          () -> {
            resumes.incrementAndGet();
            resume.run();
          });
    }

    @Override
    public void onCancel(Runnable cancel) {
      target.onCancel(cancel);
    }

    @Override
    public boolean isCancelled() {
      return target.isCancelled();
    }
  }

  @Test
  void a_slow_subscriber_never_has_more_than_buffer_events_waiting_while_100k_deltas_stream()
      throws Exception {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build())) {
      AgentChannelOptions options = options(sim).streamBufferEvents(BUFFER_EVENTS).build();
      try (Transport transport = new HttpTransportProvider().create(options)) {
        TransportSession session = transport.open().toCompletableFuture().get(5, TimeUnit.SECONDS);
        BufferedResponseStream stream = new BufferedResponseStream(BUFFER_EVENTS);
        AtomicLong delivered = new AtomicLong();
        CountingSink sink = new CountingSink(stream, delivered);
        Semaphore arrived = new Semaphore(0);
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        AtomicLong deltas = new AtomicLong();
        stream.subscribe(
            new Flow.Subscriber<ServerEvent>() {
              @Override
              public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
              }

              @Override
              public void onNext(ServerEvent event) {
                delivered.incrementAndGet();
                if (event instanceof ServerEvent.OutputTextDelta) {
                  deltas.incrementAndGet();
                }
                arrived.release();
              }

              @Override
              public void onError(Throwable error) {
                arrived.release(Integer.MAX_VALUE / 2);
              }

              @Override
              public void onComplete() {
                arrived.release(Integer.MAX_VALUE / 2);
              }
            });

        session.send(echo("[sim answer_tokens=" + DELTAS + "] go").build(), sink);

        // The subscriber asks from its own thread, REQUEST_BATCH events at a time, and stops asking
        // for a
        // while every 20 000 events: an eager transport would fill the buffer without bound then.
        long taken = 0;
        while (!stream.completion().isDone()) {
          if (taken > 0 && taken % 20_000 == 0) {
            Thread.sleep(150);
          }
          subscription.get().request(REQUEST_BATCH);
          if (!arrived.tryAcquire(REQUEST_BATCH, 10, TimeUnit.SECONDS)) {
            break; // the stream ended with fewer than REQUEST_BATCH events left, or hung (asserted
            // below)
          }
          taken += REQUEST_BATCH;
        }
        Response response = stream.completion().get(10, TimeUnit.SECONDS);

        assertThat(deltas.get()).isEqualTo(DELTAS);
        assertThat(response.usage().outputTokens()).isEqualTo(DELTAS);
        // "Ahead" counts pushed minus seen by onNext: the one event being handed to onNext has
        // left the stream's buffer but is not counted yet, hence the + 1.
        assertThat(sink.maxAhead.get()).isLessThanOrEqualTo(BUFFER_EVENTS + 1);
        // The bound was reached and the transport paused and resumed many times: backpressure
        // really worked, the bound was not met merely because the subscriber kept up.
        assertThat(sink.refusals.get()).isGreaterThan(100);
        assertThat(sink.resumes.get()).isGreaterThan(100);
      }
    }
  }
}
