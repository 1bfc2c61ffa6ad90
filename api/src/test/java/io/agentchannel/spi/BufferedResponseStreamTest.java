package io.agentchannel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.testing.Events;
import io.agentchannel.testing.RecordingSubscriber;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BufferedResponseStreamTest {

  @Test
  void delivers_events_in_order_only_as_requested_then_completes_with_the_response() {
    BufferedResponseStream stream = new BufferedResponseStream(16);
    List<ServerEvent> script = Events.textAnswer("resp_1", List.of("Hel", "lo"));
    RecordingSubscriber subscriber = new RecordingSubscriber(2);
    stream.subscribe(subscriber);
    script.forEach(stream::push);

    assertThat(subscriber.events).containsExactlyElementsOf(script.subList(0, 2));
    assertThat(stream.completion()).isNotDone();

    subscriber.request(Long.MAX_VALUE);

    assertThat(subscriber.events).containsExactlyElementsOf(script);
    assertThat(subscriber.completed).isDone();
    assertThat(subscriber.terminalSignals).hasValue(1);
    assertThat(stream.completion().join().outputText()).isEqualTo("Hello");
  }

  @Test
  void incomplete_is_a_normal_completion() {
    BufferedResponseStream stream = new BufferedResponseStream(4);
    Response incomplete = Events.response("resp_i", Response.STATUS_INCOMPLETE, "cut");
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    stream.push(new ServerEvent.ResponseIncomplete(EventMeta.of(0), incomplete));

    assertThat(subscriber.completed).isDone();
    assertThat(stream.completion().join().status()).isEqualTo("incomplete");
  }

  @Test
  void failed_response_is_delivered_then_signalled_as_api_error() {
    BufferedResponseStream stream = new BufferedResponseStream(4);
    Response failed =
        Events.response("resp_f", Response.STATUS_FAILED, null).toBuilder()
            .error(ErrorDetail.of(null, "server_error", "boom", null))
            .build();
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ServerEvent event = new ServerEvent.ResponseFailed(EventMeta.of(3), failed);
    stream.push(event);

    assertThat(subscriber.events).containsExactly(event);
    assertThat(subscriber.error.join())
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("server_error")
        .hasMessageContaining("boom");
    assertThatThrownBy(() -> stream.completion().get())
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ApiException.class);
  }

  @Test
  void error_event_becomes_api_exception_with_status_code_and_param() {
    BufferedResponseStream stream = new BufferedResponseStream(4);
    stream.push(Events.error("previous_response_not_found"));
    CompletableFuture<Response> completion = stream.drain();

    assertThat(completion).isCompletedExceptionally();
    ApiException error = (ApiException) completion.handle((r, e) -> e).join();
    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("previous_response_not_found");
    assertThat(error.param()).isEqualTo("previous_response_id");
  }

  @Test
  void transport_failure_is_signalled_after_the_buffered_events() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    stream.push(Events.delta(0, "a"));
    stream.push(Events.delta(1, "b"));
    stream.fail(ConnectionException.afterSend("connection reset", null));
    RecordingSubscriber subscriber = new RecordingSubscriber(1);
    stream.subscribe(subscriber);

    assertThat(subscriber.events).hasSize(1);
    assertThat(subscriber.error).isNotDone();
    subscriber.request(5);

    assertThat(subscriber.events).hasSize(2);
    assertThat(subscriber.error.join())
        .isInstanceOf(ConnectionException.class)
        .hasMessageContaining("connection reset");
    assertThat(((ConnectionException) subscriber.error.join()).requestMayHaveBeenSent()).isTrue();
  }

  @Test
  void events_after_the_terminal_event_are_ignored() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    stream.push(Events.completed(0, "resp_1", "x"));

    assertThat(stream.push(Events.delta(1, "late"))).as("ignored, never pauses").isTrue();
    stream.fail(ConnectionException.afterSend("late failure", null));
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);

    assertThat(subscriber.events).hasSize(1);
    assertThat(subscriber.completed).isDone();
    assertThat(subscriber.terminalSignals).hasValue(1);
  }

  @Test
  void push_asks_the_transport_to_pause_at_capacity_and_resumes_at_half() {
    BufferedResponseStream stream = new BufferedResponseStream(4);
    AtomicInteger resumes = new AtomicInteger();
    stream.onResume(resumes::incrementAndGet);
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    stream.subscribe(subscriber);

    assertThat(stream.push(Events.delta(0, "a"))).isTrue();
    assertThat(stream.push(Events.delta(1, "b"))).isTrue();
    assertThat(stream.push(Events.delta(2, "c"))).isTrue();
    assertThat(stream.push(Events.delta(3, "d"))).as("buffer full").isFalse();

    subscriber.request(1);
    assertThat(resumes).as("3 buffered, above half").hasValue(0);
    subscriber.request(1);
    assertThat(resumes).as("2 buffered, at half").hasValue(1);
    subscriber.request(10);
    assertThat(resumes).as("one resume per pause").hasValue(1);
    assertThat(subscriber.events).hasSize(4);
  }

  @Test
  void push_does_not_pause_when_the_subscriber_keeps_up() {
    BufferedResponseStream stream = new BufferedResponseStream(1);
    stream.subscribe(new RecordingSubscriber(Long.MAX_VALUE));
    for (int i = 0; i < 100; i++) {
      assertThat(stream.push(Events.delta(i, "x"))).isTrue();
    }
  }

  @Test
  void caller_cancel_runs_the_transport_hook_and_signals_cancellation() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    AtomicInteger aborts = new AtomicInteger();
    stream.onCancel(aborts::incrementAndGet);
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    stream.subscribe(subscriber);
    stream.push(Events.delta(0, "a"));

    stream.cancel();
    stream.cancel();

    assertThat(aborts).hasValue(1);
    assertThat(subscriber.error.join()).isInstanceOf(CancellationException.class);
    assertThat(subscriber.events).isEmpty();
    assertThat(stream.completion()).isCompletedExceptionally();
    assertThat(stream.isCancelled()).isTrue();
  }

  @Test
  void cancel_before_anyone_subscribes_completes_the_future() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    stream.cancel();

    assertThat(stream.completion()).isCompletedExceptionally();
    RecordingSubscriber late = new RecordingSubscriber(1);
    stream.subscribe(late);
    assertThat(late.error.join()).isInstanceOf(CancellationException.class);
  }

  @Test
  void cancel_hook_registered_after_cancellation_runs_at_once() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    stream.cancel();
    AtomicInteger aborts = new AtomicInteger();
    stream.onCancel(aborts::incrementAndGet);
    assertThat(aborts).hasValue(1);
  }

  @Test
  void subscriber_cancel_stops_all_signals_and_aborts_the_exchange() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    AtomicInteger aborts = new AtomicInteger();
    stream.onCancel(aborts::incrementAndGet);
    RecordingSubscriber subscriber = new RecordingSubscriber(1);
    stream.subscribe(subscriber);
    stream.push(Events.delta(0, "a"));
    subscriber.cancel();
    stream.push(Events.delta(1, "b"));
    stream.push(Events.completed(2, "resp_1", "ab"));
    subscriber.request(10);

    assertThat(aborts).hasValue(1);
    assertThat(subscriber.events).hasSize(1);
    assertThat(subscriber.terminalSignals).hasValue(0);
    assertThat(stream.completion()).isCompletedExceptionally();
  }

  @Test
  void second_subscriber_is_rejected() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    stream.subscribe(new RecordingSubscriber(1));
    RecordingSubscriber second = new RecordingSubscriber(1);
    stream.subscribe(second);

    assertThat(second.error.join())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one subscriber");
    assertThatThrownBy(stream::drain).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void non_positive_request_is_an_error_per_reactive_streams_3_9() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    AtomicInteger aborts = new AtomicInteger();
    stream.onCancel(aborts::incrementAndGet);
    RecordingSubscriber subscriber = new RecordingSubscriber(0);
    stream.subscribe(subscriber);
    subscriber.request(0);

    assertThat(subscriber.error.join()).isInstanceOf(IllegalArgumentException.class);
    assertThat(aborts).hasValue(1);
  }

  @Test
  void throwing_subscriber_is_treated_as_cancelled() {
    BufferedResponseStream stream = new BufferedResponseStream(8);
    AtomicInteger aborts = new AtomicInteger();
    stream.onCancel(aborts::incrementAndGet);
    stream.subscribe(
        new RecordingSubscriber(Long.MAX_VALUE) {
          @Override
          public void onNext(ServerEvent event) {
            throw new IllegalStateException("subscriber bug");
          }
        });
    stream.push(Events.delta(0, "a"));

    assertThat(aborts).hasValue(1);
    assertThat(stream.completion()).isCompletedExceptionally();
  }

  @Test
  void drain_consumes_everything_and_completes() {
    BufferedResponseStream stream = new BufferedResponseStream(2);
    CompletableFuture<Response> completion = stream.drain();
    for (ServerEvent event : Events.textAnswer("resp_d", List.of("a", "b", "c", "d", "e"))) {
      assertThat(stream.push(event)).isTrue();
    }
    assertThat(completion.join().outputText()).isEqualTo("abcde");
  }

  @Test
  void the_terminal_event_never_pauses_the_transport_even_with_a_full_buffer() {
    BufferedResponseStream stream = new BufferedResponseStream(2);
    stream.subscribe(new RecordingSubscriber(0));
    assertThat(stream.push(Events.delta(0, "a"))).isTrue();
    assertThat(stream.push(Events.completed(1, "resp_1", "a"))).isTrue();
  }

  /** Reactive Streams §3.13, checked the way its TCK does: the subscriber becomes collectable. */
  @Test
  void drops_the_subscriber_after_cancellation_and_after_completion() {
    BufferedResponseStream cancelled = new BufferedResponseStream(4);
    BufferedResponseStream completed = new BufferedResponseStream(4);
    WeakReference<RecordingSubscriber> cancelledRef = subscribeWeakly(cancelled);
    WeakReference<RecordingSubscriber> completedRef = subscribeWeakly(completed);
    cancelledRef.get().cancel();
    completed.push(Events.completed(0, "resp_1", "x"));

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              System.gc();
              return cancelledRef.get() == null && completedRef.get() == null;
            });
    assertThat(completed.completion()).isCompleted();
  }

  private static WeakReference<RecordingSubscriber> subscribeWeakly(BufferedResponseStream stream) {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    return new WeakReference<>(subscriber);
  }

  @Test
  void rejects_a_zero_capacity() {
    assertThatThrownBy(() -> new BufferedResponseStream(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A producer thread that honours pause/resume and a consumer that requests in random batches from
   * another thread: every event arrives once, in order, and the buffer never holds more than its
   * capacity plus the one event pushed after a pause.
   */
  @Test
  void concurrent_producer_and_consumer_lose_nothing_and_stay_bounded() throws Exception {
    int capacity = 8;
    int total = 20_000;
    BufferedResponseStream stream = new BufferedResponseStream(capacity);
    Object gate = new Object();
    boolean[] mayRead = {true};
    stream.onResume(
        () -> {
          synchronized (gate) {
            mayRead[0] = true;
            gate.notifyAll();
          }
        });
    List<Long> received = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger maxOutstanding = new AtomicInteger();
    AtomicInteger pushed = new AtomicInteger();
    RecordingSubscriber consumer =
        new RecordingSubscriber(0) {
          @Override
          public void onNext(ServerEvent event) {
            received.add(event.sequenceNumber());
            maxOutstanding.accumulateAndGet(pushed.get() - received.size(), Math::max);
          }

          @Override
          public void onComplete() {
            done.countDown();
          }
        };
    stream.subscribe(consumer);
    Thread producer =
        new Thread(
            () -> {
              for (int i = 0; i < total; i++) {
                synchronized (gate) {
                  while (!mayRead[0]) {
                    try {
                      gate.wait();
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                }
                ServerEvent event =
                    i == total - 1 ? Events.completed(i, "resp_x", "done") : Events.delta(i, "d");
                pushed.incrementAndGet();
                boolean more;
                synchronized (gate) {
                  more = stream.push(event);
                  if (!more) {
                    mayRead[0] = false;
                  }
                }
              }
            },
            "test-producer");
    producer.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (done.getCount() > 0 && System.nanoTime() < deadline) {
      consumer.request(1 + ThreadLocalRandom.current().nextInt(5));
      Thread.onSpinWait();
    }
    assertThat(done.getCount()).as("stream completed").isZero();
    producer.join(Duration.ofSeconds(10).toMillis());

    assertThat(received).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(received.get(i)).isEqualTo(i);
    }
    assertThat(maxOutstanding.get()).isLessThanOrEqualTo(capacity + 1);
  }
}
