package io.agentchannel.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.Timeouts;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ConnectionLimitReachedException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.testing.Events;
import io.agentchannel.testing.MutableClock;
import io.agentchannel.testing.RecordingSubscriber;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket-mode protocol logic over an in-memory link (no socket: it is pure logic). */
class WebSocketModeSessionTest {

  private static final WireCodec CODEC = WireCodec.shared();
  private static final Timeouts NO_DEADLINES =
      new Timeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  private final ScheduledExecutorService timer = ExchangeDeadlines.newTimer("ws-session-test");
  private final MemoryLink link = new MemoryLink();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void stopTimer() {
    timer.shutdownNow();
  }

  private WebSocketModeSettings v1() {
    return WebSocketModeSettings.of(NO_DEADLINES, timer)
        .withKeepAlive(Duration.ZERO, Duration.ZERO)
        .withClock(clock);
  }

  private WebSocketModeSettings v2() {
    return v1().withLanes(true);
  }

  private WebSocketModeSession open(WebSocketModeSettings settings) {
    WebSocketModeSession session = new WebSocketModeSession(link, settings);
    link.session = session;
    return session;
  }

  private static CreateRequest request(String text) {
    return CreateRequest.builder().model("echo").input(text).build();
  }

  private static CreateRequest onLane(String lane, String text) {
    return request(text).toBuilder().streamId(lane).build();
  }

  private static BufferedResponseStream stream() {
    return new BufferedResponseStream(256);
  }

  /** Feeds a whole answer, as JSON frames, into the session. */
  private static void answer(
      WebSocketModeSession session, String lane, String id, String... parts) {
    for (ServerEvent event : Events.textAnswer(id, List.of(parts))) {
      session.onText(frame(event, lane));
    }
  }

  private static String frame(ServerEvent event, String lane) {
    String json = CODEC.writeEvent(event);
    return lane == null ? json : "{\"stream_id\":\"" + lane + "\"," + json.substring(1);
  }

  private static List<String> events(String lane, String id, String... parts) {
    List<String> frames = new ArrayList<>();
    Events.textAnswer(id, List.of(parts)).forEach(e -> frames.add(frame(e, lane)));
    return frames;
  }

  private static Throwable failureOf(BufferedResponseStream stream) {
    try {
      stream.drain().join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("the stream completed; a failure was expected");
  }

  private static ServerEvent.Error errorFrame(String code, String lane) {
    return new ServerEvent.Error(
        new EventMeta(EventMeta.NO_SEQUENCE, lane, java.util.Map.of()),
        400,
        ErrorDetail.of("invalid_request_error", code, "refused: " + code, null),
        ServerEvent.ErrorShape.NESTED);
  }

  // ---- routing and terminal events ----

  @Test
  void a_response_completes_with_its_terminal_event() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);

    assertThat(link.sent).hasSize(1);
    assertThat(CODEC.readCreateFrame(link.sent.get(0)).model()).isEqualTo("echo");
    answer(session, null, "resp_1", "he", "llo");
    assertThat(stream.drain().join().id()).isEqualTo("resp_1");
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void a_warmup_is_a_create_with_generate_false_and_completes_with_the_response_id() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream stream = stream();
    session.send(request("tools only").toBuilder().generate(false).build(), stream);

    assertThat(link.sent.get(0)).contains("\"generate\":false");
    session.onText(frame(Events.completed(0, "resp_warm", null), null));
    assertThat(stream.drain().join().id()).isEqualTo("resp_warm");
  }

  @Test
  void a_request_scoped_error_frame_ends_its_response_and_the_connection_stays_usable() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream first = stream();
    BufferedResponseStream second = stream();
    session.send(request("one"), first);
    session.send(request("two"), second);

    session.onText(frame(Events.error("previous_response_not_found"), null));
    assertThat(failureOf(first))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("previous_response_not_found");
    assertThat(link.sent).hasSize(2);
    answer(session, null, "resp_2", "ok");
    assertThat(second.drain().join().id()).isEqualTo("resp_2");
  }

  @Test
  void events_that_belong_to_no_response_are_dropped() {
    WebSocketModeSession session = open(v1());
    answer(session, null, "resp_stray", "x");
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);
    answer(session, null, "resp_1", "y");
    assertThat(stream.drain().join().id()).isEqualTo("resp_1");
  }

  // ---- v1: one response in flight, local queue ----

  @Test
  void without_lanes_the_next_request_is_written_only_after_the_terminal_event() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream first = stream();
    BufferedResponseStream second = stream();
    session.send(request("one"), first);
    session.send(request("two"), second);
    assertThat(link.sent).hasSize(1);

    List<String> frames = events(null, "resp_1", "a");
    frames.subList(0, frames.size() - 1).forEach(session::onText);
    assertThat(link.sent).hasSize(1);
    session.onText(frames.get(frames.size() - 1));
    assertThat(link.sent).hasSize(2);
    assertThat(CODEC.readCreateFrame(link.sent.get(1)).input().toString()).contains("two");

    answer(session, null, "resp_2", "b");
    assertThat(first.drain().join().id()).isEqualTo("resp_1");
    assertThat(second.drain().join().id()).isEqualTo("resp_2");
    assertThat(link.concurrentSend).isFalse();
  }

  @Test
  void a_full_local_queue_refuses_the_send_as_not_sent() {
    WebSocketModeSession session = open(v1().withMaxQueuedSends(1));
    session.send(request("in flight"), stream());
    session.send(request("queued"), stream());
    BufferedResponseStream refused = stream();
    session.send(request("one too many"), refused);

    Throwable error = failureOf(refused);
    assertThat(error).isInstanceOf(ConnectionException.class).hasMessageContaining("queue is full");
    assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
    assertThat(link.sent).hasSize(1);
  }

  // ---- v2: lanes ----

  @Test
  void with_lanes_interleaved_events_reach_their_own_responses() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream main = stream();
    BufferedResponseStream a = stream();
    BufferedResponseStream b = stream();
    session.send(request("main"), main);
    session.send(onLane("a", "for a"), a);
    session.send(onLane("b", "for b"), b);
    assertThat(link.sent).hasSize(3);
    assertThat(CODEC.readCreateFrame(link.sent.get(1)).streamId()).isEqualTo("a");

    List<String> fa = events("a", "resp_a", "alpha");
    List<String> fb = events("b", "resp_b", "beta");
    List<String> fm = events(null, "resp_m", "main");
    for (int i = 0; i < fa.size(); i++) {
      session.onText(fb.get(i));
      session.onText(fa.get(i));
      session.onText(fm.get(i));
    }
    assertThat(a.drain().join().id()).isEqualTo("resp_a");
    assertThat(b.drain().join().id()).isEqualTo("resp_b");
    assertThat(main.drain().join().id()).isEqualTo("resp_m");
  }

  @Test
  void a_lane_runs_first_in_first_out() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream first = stream();
    BufferedResponseStream second = stream();
    session.send(onLane("a", "1"), first);
    session.send(onLane("a", "2"), second);
    assertThat(link.sent).hasSize(2);
    answer(session, "a", "resp_1", "x");
    answer(session, "a", "resp_2", "y");
    assertThat(first.drain().join().id()).isEqualTo("resp_1");
    assertThat(second.drain().join().id()).isEqualTo("resp_2");
  }

  @Test
  void with_lanes_sixteen_are_in_flight_and_the_rest_wait_locally() {
    WebSocketModeSession session = open(v2());
    List<BufferedResponseStream> streams = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      BufferedResponseStream s = stream();
      streams.add(s);
      session.send(onLane("lane" + i, "n" + i), s);
    }
    assertThat(link.sent).hasSize(WebSocketModeSettings.LANE_IN_FLIGHT_LIMIT);
    answer(session, "lane3", "resp_3", "x");
    assertThat(link.sent).hasSize(17);
    assertThat(CODEC.readCreateFrame(link.sent.get(16)).streamId()).isEqualTo("lane16");
    assertThat(streams.get(3).drain().join().id()).isEqualTo("resp_3");
  }

  @Test
  void an_invalid_stream_id_is_refused_before_sending() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream stream = stream();
    session.send(onLane("not valid!", "x"), stream);
    assertThat(failureOf(stream))
        .isInstanceOf(ApiException.class)
        .extracting(e -> ((ApiException) e).code())
        .isEqualTo("invalid_stream_id");
    assertThat(link.sent).isEmpty();
  }

  // ---- not sent versus after send ----

  @Test
  void a_write_the_link_refuses_is_not_sent_and_ends_the_session() {
    WebSocketModeSession session = open(v1());
    link.refuseWrites = new IllegalStateException("socket closed");
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);

    Throwable error = failureOf(stream);
    assertThat(error).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
    assertThat(session.isOpen()).isFalse();
    assertThat(link.closedWith).isEqualTo(1011);
  }

  @Test
  void a_close_before_the_terminal_event_fails_after_send_and_nothing_is_replayed() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream inFlight = stream();
    BufferedResponseStream queued = stream();
    session.send(request("one"), inFlight);
    session.send(request("two"), queued);
    List<String> frames = events(null, "resp_1", "a", "b");
    frames.subList(0, 4).forEach(session::onText);

    session.onClosed(1006, "");

    Throwable dropped = failureOf(inFlight);
    assertThat(dropped).isInstanceOf(ConnectionException.class).hasMessageContaining("1006");
    assertThat(((ConnectionException) dropped).requestMayHaveBeenSent()).isTrue();
    Throwable neverSent = failureOf(queued);
    assertThat(((ConnectionException) neverSent).requestMayHaveBeenSent()).isFalse();
    assertThat(link.sent).hasSize(1);
    assertThat(session.isOpen()).isFalse();

    BufferedResponseStream late = stream();
    session.send(request("late"), late);
    assertThat(((ConnectionException) failureOf(late)).requestMayHaveBeenSent()).isFalse();
    assertThat(link.sent).hasSize(1);
  }

  @Test
  void a_request_handed_over_but_not_yet_acknowledged_fails_after_send_on_a_drop() {
    WebSocketModeSession session = open(v1());
    link.holdAcknowledgements = true;
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);
    session.onError(new java.io.IOException("connection reset"));
    assertThat(((ConnectionException) failureOf(stream)).requestMayHaveBeenSent()).isTrue();
    assertThat(link.closedWith).isEqualTo(1011);
  }

  @Test
  void the_writer_waits_for_each_acknowledgement() {
    WebSocketModeSession session = open(v2());
    link.holdAcknowledgements = true;
    session.send(onLane("a", "1"), stream());
    session.send(onLane("b", "2"), stream());
    assertThat(link.sent).hasSize(1);
    link.acknowledgeWrites();
    assertThat(link.sent).hasSize(2);
  }

  @Test
  void close_fails_in_flight_after_send_and_queued_not_sent() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream inFlight = stream();
    BufferedResponseStream queued = stream();
    session.send(request("one"), inFlight);
    session.send(request("two"), queued);
    session.close();
    session.close();

    assertThat(((ConnectionException) failureOf(inFlight)).requestMayHaveBeenSent()).isTrue();
    assertThat(((ConnectionException) failureOf(queued)).requestMayHaveBeenSent()).isFalse();
    assertThat(link.closedWith).isEqualTo(1000);
  }

  // ---- protocol violations ----

  @Test
  void a_frame_that_is_not_an_event_fails_the_responses_and_closes_the_connection() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);
    session.onText("{not json");
    assertThat(failureOf(stream)).isInstanceOf(ProtocolViolationException.class);
    assertThat(link.closedWith).isEqualTo(1002);
    assertThat(session.isOpen()).isFalse();
  }

  @Test
  void a_binary_frame_is_a_protocol_violation() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);
    session.onBinary();
    assertThat(failureOf(stream))
        .isInstanceOf(ProtocolViolationException.class)
        .hasMessageContaining("binary");
    assertThat(link.closedWith).isEqualTo(1002);
  }

  // ---- backpressure ----

  @Test
  void a_full_sink_pauses_reading_until_every_paused_sink_resumes() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream a = new BufferedResponseStream(2);
    BufferedResponseStream b = new BufferedResponseStream(2);
    session.send(onLane("a", "1"), a);
    session.send(onLane("b", "2"), b);
    List<String> fa = events("a", "resp_a", "x", "y", "z");
    List<String> fb = events("b", "resp_b", "x", "y", "z");

    session.onText(fa.get(0));
    assertThat(link.paused).isFalse();
    session.onText(fa.get(1));
    assertThat(link.paused).isTrue();
    session.onText(fb.get(0));
    session.onText(fb.get(1));
    assertThat(link.pauses).hasValue(1);

    RecordingSubscriber readA = new RecordingSubscriber(Long.MAX_VALUE);
    a.subscribe(readA);
    assertThat(readA.events).hasSize(2);
    assertThat(link.paused).as("b still holds the connection").isTrue();

    RecordingSubscriber readB = new RecordingSubscriber(Long.MAX_VALUE);
    b.subscribe(readB);
    assertThat(link.paused).isFalse();
    assertThat(link.resumes).hasValue(1);

    fa.subList(2, fa.size()).forEach(session::onText);
    fb.subList(2, fb.size()).forEach(session::onText);
    assertThat(a.completion().join().id()).isEqualTo("resp_a");
    assertThat(b.completion().join().id()).isEqualTo("resp_b");
  }

  @Test
  void a_pause_asked_by_the_reader_is_in_effect_when_its_frame_returns_even_during_a_resume()
      throws Exception {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream stream = new BufferedResponseStream(1);
    session.send(request("hi"), stream);
    List<String> frames = events(null, "resp_1", "a", "b");
    session.onText(frames.get(0));
    assertThat(link.paused).isTrue();

    // A subscriber's resume is under way (its thread is slow inside resumeReading) ...
    link.holdResume = new java.util.concurrent.CountDownLatch(1);
    RecordingSubscriber reader = new RecordingSubscriber(0);
    stream.subscribe(reader);
    Thread subscriber = new Thread(() -> reader.request(1), "slow-subscriber");
    subscriber.start();
    assertThat(link.resumeEntered.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    // ... when the reader delivers a frame that fills the buffer again and asks for a pause.
    java.util.concurrent.CompletableFuture<Boolean> pausedWhenReturned =
        new java.util.concurrent.CompletableFuture<>();
    Thread readerThread =
        new Thread(
            () -> {
              session.onText(frames.get(1));
              pausedWhenReturned.complete(link.paused);
            },
            "reader");
    readerThread.start();
    Thread.sleep(100);
    link.holdResume.countDown();
    readerThread.join(5000);
    subscriber.join(5000);
    assertThat(pausedWhenReturned.get(5, java.util.concurrent.TimeUnit.SECONDS))
        .as("the link must be paused before the reader goes back to the socket")
        .isTrue();
  }

  @Test
  void a_response_that_ends_or_is_cancelled_no_longer_holds_reading_paused() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream a = new BufferedResponseStream(1);
    BufferedResponseStream b = new BufferedResponseStream(1);
    session.send(onLane("a", "1"), a);
    session.send(onLane("b", "2"), b);
    List<String> fa = events("a", "resp_a", "x");
    session.onText(fa.get(0));
    session.onText(events("b", "resp_b", "x").get(0));
    assertThat(link.paused).isTrue();

    b.cancel();
    assertThat(link.paused).as("a still holds the connection").isTrue();
    session.onText(fa.get(fa.size() - 1)); // terminal events never pause, and end the hold
    assertThat(link.paused).isFalse();
  }

  @Test
  void a_subscriber_that_never_reads_bounds_what_the_session_pushes() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream slow = new BufferedResponseStream(4);
    session.send(request("hi"), slow);
    List<String> frames = events(null, "resp_1", "a", "b", "c", "d", "e", "f", "g", "h");
    int delivered = 0;
    for (String frame : frames) {
      if (link.paused) {
        break; // what a real link does: it stops reading
      }
      session.onText(frame);
      delivered++;
    }
    assertThat(delivered).isEqualTo(4);
    RecordingSubscriber reader = new RecordingSubscriber(Long.MAX_VALUE);
    slow.subscribe(reader);
    assertThat(link.paused).isFalse();
  }

  // ---- cancellation ----

  @Test
  void a_cancelled_response_is_drained_to_its_terminal_event_before_the_next_is_written() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream cancelled = stream();
    BufferedResponseStream next = stream();
    session.send(request("one"), cancelled);
    session.send(request("two"), next);
    List<String> frames = events(null, "resp_1", "a", "b");
    session.onText(frames.get(0));
    cancelled.cancel();
    frames.subList(1, frames.size() - 1).forEach(session::onText);
    assertThat(link.sent).hasSize(1);
    session.onText(frames.get(frames.size() - 1));
    assertThat(link.sent).hasSize(2);

    answer(session, null, "resp_2", "c");
    assertThat(next.drain().join().id()).isEqualTo("resp_2");
    assertThat(session.isOpen()).isTrue();
  }

  @Test
  void a_queued_response_cancelled_before_its_turn_is_never_sent() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream first = stream();
    BufferedResponseStream cancelled = stream();
    BufferedResponseStream third = stream();
    session.send(request("one"), first);
    session.send(request("two"), cancelled);
    session.send(request("three"), third);
    cancelled.cancel();
    answer(session, null, "resp_1", "a");
    assertThat(link.sent).hasSize(2);
    assertThat(CODEC.readCreateFrame(link.sent.get(1)).input().toString()).contains("three");
  }

  // ---- deadlines ----

  @Test
  void without_lanes_a_timed_out_response_closes_the_connection() {
    WebSocketModeSession session =
        open(v1().withTimeouts(NO_DEADLINES.withFirstEvent(Duration.ofMillis(100))));
    BufferedResponseStream stalled = stream();
    BufferedResponseStream queued = stream();
    session.send(request("one"), stalled);
    session.send(request("two"), queued);

    Throwable error = failureOf(stalled);
    assertThat(error).isInstanceOf(PhaseTimeoutException.class);
    assertThat(((PhaseTimeoutException) error).phase())
        .isEqualTo(PhaseTimeoutException.Phase.FIRST_EVENT);
    // Closed before the caller hears of the timeout, so its retry goes to a new connection.
    assertThat(session.isOpen()).isFalse();
    assertThat(((ConnectionException) failureOf(queued)).requestMayHaveBeenSent()).isFalse();
    await().until(() -> link.closedWith != null);
    assertThat(link.sent).hasSize(1);
  }

  @Test
  void a_queued_request_whose_total_deadline_passes_is_dropped_and_the_connection_stays() {
    WebSocketModeSession session =
        open(v1().withTimeouts(NO_DEADLINES.withTotal(Duration.ofMillis(150))));
    BufferedResponseStream draining = stream();
    session.send(request("one"), draining);
    draining.cancel(); // in flight, drained until its terminal event; its deadlines stop
    BufferedResponseStream waiting = stream();
    session.send(request("two"), waiting);

    assertThat(failureOf(waiting)).isInstanceOf(PhaseTimeoutException.class);
    assertThat(session.isOpen()).isTrue();
    assertThat(link.closedWith).isNull();
    answer(session, null, "resp_1", "a");
    assertThat(link.sent).hasSize(1); // the timed-out request was never written

    BufferedResponseStream next = stream();
    session.send(request("three"), next);
    answer(session, null, "resp_3", "c");
    assertThat(next.drain().join().id()).isEqualTo("resp_3");
  }

  @Test
  void with_lanes_a_timed_out_response_is_drained_and_its_lane_stays_usable() {
    WebSocketModeSession session =
        open(v2().withTimeouts(NO_DEADLINES.withFirstEvent(Duration.ofMillis(100))));
    BufferedResponseStream stalled = stream();
    BufferedResponseStream other = stream();
    session.send(onLane("a", "1"), stalled);
    assertThat(failureOf(stalled)).isInstanceOf(PhaseTimeoutException.class);
    session.send(onLane("b", "2"), other);
    answer(session, "b", "resp_b", "x");
    assertThat(other.drain().join().id()).isEqualTo("resp_b");

    // The late answer of the timed-out response is read and dropped; the lane serves the next.
    BufferedResponseStream again = stream();
    session.send(onLane("a", "3"), again);
    answer(session, "a", "resp_late", "late");
    answer(session, "a", "resp_a2", "y");
    assertThat(again.drain().join().id()).isEqualTo("resp_a2");
    assertThat(link.closedWith).isNull();
  }

  // ---- keep-alive ----

  @Test
  void a_silent_peer_is_pinged_and_then_declared_dead() {
    WebSocketModeSession session =
        open(v1().withKeepAlive(Duration.ofMillis(40), Duration.ofMillis(200)));
    BufferedResponseStream stream = stream();
    session.send(request("hi"), stream);

    Throwable error = failureOf(stream);
    assertThat(error).isInstanceOf(ConnectionException.class).hasMessageContaining("dead");
    assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isTrue();
    assertThat(link.pings.get()).isPositive();
    await().until(() -> link.closedWith != null);
    assertThat(link.closedWith).isEqualTo(1001);
  }

  @Test
  void a_peer_that_answers_pings_stays_alive() throws InterruptedException {
    link.answerPings = true;
    WebSocketModeSession session =
        open(v1().withKeepAlive(Duration.ofMillis(30), Duration.ofSeconds(2)));
    Thread.sleep(2500); // past the dead-peer timeout: only the pongs keep it alive
    assertThat(session.isOpen()).isTrue();
    assertThat(link.pings.get()).isGreaterThan(3);
    assertThat(link.closedWith).isNull();
    session.close();
  }

  @Test
  void a_paused_connection_is_not_declared_dead() throws InterruptedException {
    WebSocketModeSession session =
        open(v1().withKeepAlive(Duration.ofMillis(30), Duration.ofMillis(100)));
    BufferedResponseStream slow = new BufferedResponseStream(1);
    session.send(request("hi"), slow);
    List<String> frames = events(null, "resp_1", "a");
    session.onText(frames.get(0));
    assertThat(link.paused).isTrue();
    Thread.sleep(400);
    assertThat(session.isOpen()).isTrue();
    RecordingSubscriber reader = new RecordingSubscriber(Long.MAX_VALUE);
    slow.subscribe(reader);
    frames.subList(1, frames.size()).forEach(session::onText);
    assertThat(slow.completion().join().id()).isEqualTo("resp_1");
  }

  // ---- connection age ----

  @Test
  void the_connection_limit_error_ends_the_session_and_is_typed() {
    WebSocketModeSession session = open(v1());
    BufferedResponseStream refused = stream();
    session.send(request("one"), refused);
    session.onText(frame(errorFrame(ConnectionLimitReachedException.CODE, null), null));

    assertThat(failureOf(refused)).isInstanceOf(ConnectionLimitReachedException.class);
    assertThat(session.isOpen()).isFalse();
    BufferedResponseStream next = stream();
    session.send(request("two"), next);
    assertThat(failureOf(next)).isInstanceOf(ConnectionLimitReachedException.class);
    assertThat(link.sent).hasSize(1);
  }

  @Test
  void with_lanes_a_connection_limit_without_stream_id_fails_what_the_server_never_started() {
    WebSocketModeSession session = open(v2());
    BufferedResponseStream running = stream();
    BufferedResponseStream refused = stream();
    session.send(onLane("a", "1"), running);
    List<String> fa = events("a", "resp_a", "x");
    session.onText(fa.get(0));
    session.send(onLane("b", "2"), refused);
    session.onText(frame(errorFrame(ConnectionLimitReachedException.CODE, null), null));
    assertThat(session.isOpen()).isFalse();

    fa.subList(1, fa.size()).forEach(session::onText);
    assertThat(running.drain().join().id()).isEqualTo("resp_a");
    session.onClosed(1000, "connection limit reached");
    assertThat(failureOf(refused)).isInstanceOf(ConnectionLimitReachedException.class);
  }

  @Test
  void past_the_rotation_age_the_session_takes_no_sends_and_closes_when_idle() {
    WebSocketModeSession session = open(v1().withRotateAfter(Duration.ofMinutes(55)));
    assertThat(session.openedAt()).isEqualTo(clock.instant());
    BufferedResponseStream inFlight = stream();
    session.send(request("one"), inFlight);
    clock.advance(Duration.ofMinutes(56));

    assertThat(session.isOpen()).isFalse();
    assertThat(link.closedWith).as("a response is still in flight").isNull();
    BufferedResponseStream late = stream();
    session.send(request("late"), late);
    assertThat(((ConnectionException) failureOf(late)).requestMayHaveBeenSent()).isFalse();

    answer(session, null, "resp_1", "a");
    assertThat(inFlight.drain().join().id()).isEqualTo("resp_1");
    assertThat(link.closedWith).isEqualTo(1000);
  }
}
