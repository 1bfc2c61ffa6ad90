package io.agentchannel.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.Timeouts;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.testing.Events;
import io.agentchannel.testing.RecordingSubscriber;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadlines of one exchange, on a real scheduler. Limits are short (100-200 ms) and every
 * assertion that something did <em>not</em> fire waits well past the limit, so the tests check
 * behaviour, not speed.
 */
class ExchangeDeadlinesTest {

  private static final Duration SHORT = Duration.ofMillis(150);
  private static final Timeouts NONE =
      new Timeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  private final ScheduledExecutorService timer = ExchangeDeadlines.newTimer("deadlines-test");
  private final AtomicInteger aborts = new AtomicInteger();
  private final BufferedResponseStream stream = new BufferedResponseStream(4);

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private ExchangeDeadlines start(Timeouts timeouts) {
    return ExchangeDeadlines.start(timeouts, timer, stream, aborts::incrementAndGet);
  }

  private PhaseTimeoutException timeoutOf(RecordingSubscriber subscriber) {
    Throwable error = subscriber.error.join();
    assertThat(error).isInstanceOf(PhaseTimeoutException.class);
    return (PhaseTimeoutException) error;
  }

  @Test
  void no_first_event_after_the_request_is_written_fails_with_phase_first_event_and_aborts() {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withFirstEvent(SHORT));
    deadlines.requestWritten();

    PhaseTimeoutException timeout = timeoutOf(subscriber);
    assertThat(timeout.phase()).isEqualTo(Phase.FIRST_EVENT);
    assertThat(timeout.limit()).isEqualTo(SHORT);
    assertThat(timeout.getMessage()).contains("FIRST_EVENT").contains("0 events received");
    await().untilAsserted(() -> assertThat(aborts).hasValue(1));
    assertThat(deadlines.isFinished()).isTrue();
  }

  @Test
  void first_event_deadline_does_not_run_before_the_request_is_written() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    start(NONE.withFirstEvent(SHORT));

    TimeUnit.MILLISECONDS.sleep(3 * SHORT.toMillis());
    assertThat(subscriber.error).isNotDone();
    assertThat(aborts).hasValue(0);
  }

  @Test
  void the_first_event_ends_first_event_and_starts_idle() {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withFirstEvent(SHORT).withIdle(SHORT));
    deadlines.requestWritten();
    deadlines.sink().push(Events.delta(0, "a"));

    assertThat(timeoutOf(subscriber).phase()).isEqualTo(Phase.IDLE);
    assertThat(timeoutOf(subscriber).getMessage()).contains("1 events received");
    assertThat(subscriber.events).hasSize(1);
  }

  @Test
  void idle_does_not_fire_while_events_keep_arriving_within_the_limit() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withIdle(SHORT));
    deadlines.requestWritten();
    for (int i = 0; i < 12; i++) { // 12 x 40 ms = 3 idle limits of steady traffic
      deadlines.sink().push(Events.delta(i, "x"));
      TimeUnit.MILLISECONDS.sleep(40);
    }
    assertThat(subscriber.error).isNotDone();

    deadlines.sink().push(Events.completed(12, "resp_1", "done"));
    subscriber.completed.join();
    TimeUnit.MILLISECONDS.sleep(2 * SHORT.toMillis());
    assertThat(aborts).hasValue(0);
  }

  @Test
  void idle_is_suspended_while_the_subscriber_holds_the_stream_and_restarts_on_resume()
      throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(0); // requests nothing yet
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withIdle(SHORT));
    AtomicInteger resumes = new AtomicInteger();
    deadlines.sink().onResume(resumes::incrementAndGet);
    deadlines.requestWritten();
    boolean accepted = true;
    for (int i = 0; accepted; i++) {
      accepted = deadlines.sink().push(Events.delta(i, "x"));
    }

    // The server is silent only because the transport paused for the subscriber: no timeout.
    TimeUnit.MILLISECONDS.sleep(4 * SHORT.toMillis());
    assertThat(subscriber.error).isNotDone();

    subscriber.request(Long.MAX_VALUE);
    await().untilAsserted(() -> assertThat(resumes).hasValue(1));
    // Reading resumed and the server stays silent: now the silence is the server's.
    assertThat(timeoutOf(subscriber).phase()).isEqualTo(Phase.IDLE);
  }

  @Test
  void total_fires_even_while_events_flow() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withTotal(Duration.ofMillis(200)));
    deadlines.requestWritten();
    for (int i = 0; i < 20 && !subscriber.error.isDone(); i++) {
      deadlines.sink().push(Events.delta(i, "x"));
      TimeUnit.MILLISECONDS.sleep(30);
    }
    assertThat(timeoutOf(subscriber).phase()).isEqualTo(Phase.TOTAL);
    assertThat(aborts).hasValue(1);
  }

  @Test
  void response_headers_fire_until_received() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines late = start(NONE.withResponseHeaders(SHORT));
    late.awaitResponseHeaders();
    assertThat(timeoutOf(subscriber).phase()).isEqualTo(Phase.RESPONSE_HEADERS);

    BufferedResponseStream second = new BufferedResponseStream(4);
    RecordingSubscriber onTime = new RecordingSubscriber(Long.MAX_VALUE);
    second.subscribe(onTime);
    ExchangeDeadlines received =
        ExchangeDeadlines.start(NONE.withResponseHeaders(SHORT), timer, second, () -> {});
    received.awaitResponseHeaders();
    received.responseHeadersReceived();
    TimeUnit.MILLISECONDS.sleep(3 * SHORT.toMillis());
    assertThat(onTime.error).isNotDone();
  }

  @Test
  void the_terminal_event_stops_every_deadline() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines =
        start(NONE.withFirstEvent(SHORT).withIdle(SHORT).withTotal(SHORT.multipliedBy(2)));
    deadlines.requestWritten();
    deadlines.sink().push(Events.delta(0, "a"));
    deadlines.sink().push(Events.completed(1, "resp_1", "a"));

    subscriber.completed.join();
    assertThat(deadlines.isFinished()).isTrue();
    TimeUnit.MILLISECONDS.sleep(4 * SHORT.toMillis());
    assertThat(subscriber.error).isNotDone();
    assertThat(aborts).hasValue(0);
  }

  @Test
  void a_cancel_stops_every_deadline_and_runs_the_transport_hook() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withFirstEvent(SHORT).withTotal(SHORT));
    AtomicInteger transportCancels = new AtomicInteger();
    deadlines.sink().onCancel(transportCancels::incrementAndGet);
    deadlines.requestWritten();

    stream.cancel();
    assertThat(subscriber.error.join()).isInstanceOf(CancellationException.class);
    assertThat(transportCancels).hasValue(1);
    assertThat(deadlines.isFinished()).isTrue();
    TimeUnit.MILLISECONDS.sleep(3 * SHORT.toMillis());
    assertThat(aborts).hasValue(0);
  }

  @Test
  void a_fail_from_the_transport_stops_every_deadline() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE.withTotal(SHORT));
    deadlines.sink().fail(io.agentchannel.error.ConnectionException.afterSend("dropped", null));

    assertThat(subscriber.error.join()).hasMessage("dropped");
    TimeUnit.MILLISECONDS.sleep(3 * SHORT.toMillis());
    assertThat(aborts).hasValue(0);
  }

  @Test
  void zero_means_no_limit_for_every_phase() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    stream.subscribe(subscriber);
    ExchangeDeadlines deadlines = start(NONE);
    deadlines.awaitResponseHeaders();
    deadlines.requestWritten();
    deadlines.sink().push(Events.delta(0, "a"));
    TimeUnit.MILLISECONDS.sleep(3 * SHORT.toMillis());
    assertThat(subscriber.error).isNotDone();
    assertThat(aborts).hasValue(0);
  }

  @Test
  void a_shut_down_timer_arms_nothing_and_throws_nothing() {
    timer.shutdownNow();
    ExchangeDeadlines deadlines = start(Timeouts.defaults().withTotal(SHORT));
    deadlines.requestWritten();
    deadlines.awaitResponseHeaders();
    assertThat(deadlines.sink().push(Events.delta(0, "a"))).isTrue();
  }
}
