package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agentchannel.AgentChannel;
import io.agentchannel.ResponseStream;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSink;
import io.agentchannel.tck.internal.RecordingSubscriber;
import io.agentchannel.wire.model.ServerEvent;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** RULES.md area 7: backpressure and cancellation. */
abstract class BackpressureRules extends ConcurrencyRules {

  /** The sink's bound in the backpressure rules. */
  static final int SINK_CAPACITY = 16;

  /**
   * Pushes tolerated after a refusal: what the transport had already read when it paused (the rest
   * of a parsed chunk, frames already decoded from a socket read, a small inbound queue). It is a
   * constant, whatever the response's length; an eager transport runs into the thousands.
   */
  static final int PAUSE_SLACK = 64;

  /** Pushes tolerated after a cancel: what was already read, a few socket buffers' worth. */
  static final int CANCEL_SLACK = 2048;

  static final int LONG_ANSWER = 10_000;

  @Test
  public void ac_7_1_the_transport_pauses_when_the_sink_is_full() throws Exception {
    try (Fixture f = fixture()) {
      TransportSession session = f.session();
      RecordingSink sink = RecordingSink.bounded(SINK_CAPACITY);
      session.send(echo("[sim answer_tokens=" + LONG_ANSWER + "] slow reader").build(), sink);
      long deadline = System.nanoTime() + 3 * await().toNanos();
      while (!sink.hasEnded() && System.nanoTime() < deadline) {
        if (sink.take(2) == 0) {
          LockSupport.parkNanos(100_000);
        } else {
          LockSupport.parkNanos(20_000); // a consumer slower than the loopback server
        }
      }
      if (!sink.hasEnded()) {
        fail(
            "AC-7.1: the response did not end within %s with a consumer that keeps taking;"
                + " does the transport resume when the onResume callback runs? %s",
            await().multipliedBy(3), sink.describe());
      }
      long deltas =
          sink.pushed.stream().filter(e -> e instanceof ServerEvent.OutputTextDelta).count();
      assertThat(deltas)
          .as("AC-7.1: every delta arrives despite the pauses; %s", sink.describe())
          .isEqualTo(LONG_ANSWER);
      assertThat(sink.refusals.get())
          .as("AC-7.1: the sink refused pushes (the bound was reached)")
          .isPositive();
      assertThat(sink.maxPushesWhilePaused.get())
          .as(
              "AC-7.1: most pushes after push() returned false and before onResume ran (at most"
                  + " %d, the rest of a frame already parsed); a transport that keeps reading after a"
                  + " refusal holds unbounded memory for a slow subscriber",
              PAUSE_SLACK)
          .isLessThanOrEqualTo(PAUSE_SLACK);
    }
  }

  @Test
  public void ac_7_2_a_slow_subscriber_receives_every_event() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel(f.options().streamBufferEvents(SINK_CAPACITY).build());
      RecordingSubscriber s = new RecordingSubscriber(0);
      ResponseStream stream = channel.create(echo("[sim answer_tokens=5000] slowly").build());
      stream.subscribe(s);
      long deadline = System.nanoTime() + 3 * await().toNanos();
      while (!s.isTerminated() && System.nanoTime() < deadline) {
        s.request(3);
        LockSupport.parkNanos(20_000);
      }
      awaitTermination(s, "AC-7.2");
      assertThat(s.completed()).as("AC-7.2: the stream completed; saw %s", s.describe()).isTrue();
      assertThat(s.events.stream().filter(e -> e instanceof ServerEvent.OutputTextDelta).count())
          .as("AC-7.2: deltas delivered to a subscriber asking 3 at a time")
          .isEqualTo(5000);
    }
  }

  @Test
  public void ac_7_3_cancel_stops_the_transport_pushing() throws Exception {
    try (Fixture f = fixture()) {
      TransportSession session = f.session();
      RecordingSink sink = RecordingSink.unbounded();
      session.send(echo("[sim answer_tokens=50000] cancel me").build(), sink);
      long deadline = System.nanoTime() + await().toNanos();
      while (sink.pushed.size() < 10 && !sink.hasEnded() && System.nanoTime() < deadline) {
        LockSupport.parkNanos(100_000);
      }
      assertThat(sink.pushed.size())
          .as("AC-7.3: events before the cancel; %s", sink.describe())
          .isGreaterThanOrEqualTo(10);
      sink.cancel();
      Thread.sleep(Math.max(limits().quiet().toMillis(), 500));
      assertThat(sink.terminals())
          .as(
              "AC-7.3: the cancelled response's terminal event was still pushed: the transport"
                  + " kept reading after the onCancel callback ran; %s",
              sink.describe())
          .isEmpty();
      assertThat(sink.pushesAfterCancel.get())
          .as(
              "AC-7.3: pushes after the cancel (at most %d, what was already read); check that"
                  + " onCancel aborts the exchange or abandons the lane",
              CANCEL_SLACK)
          .isLessThanOrEqualTo(CANCEL_SLACK);
    }
  }

  @Test
  public void ac_7_4_cancel_ends_the_stream_and_frees_the_channel() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      RecordingSubscriber s = new RecordingSubscriber(5);
      ResponseStream stream = channel.create(echo("[sim answer_tokens=50000] long").build());
      stream.subscribe(s);
      long deadline = System.nanoTime() + await().toNanos();
      while (s.events.size() < 5 && System.nanoTime() < deadline) {
        LockSupport.parkNanos(100_000);
      }
      stream.cancel();
      Throwable error = failureOf(stream.completion(), "AC-7.4");
      assertThat(error)
          .as("AC-7.4: completion after cancel(), observed %s", Describe.error(error))
          .isInstanceOf(CancellationException.class);
      awaitTermination(s, "AC-7.4");
      assertThat(s.error()).isInstanceOf(CancellationException.class);
      assertThat(responseOf(channel.create(echo("after").build()).drain(), "AC-7.4").outputText())
          .as("AC-7.4: the next response on the channel after a cancel")
          .isEqualTo("echo: after");
    }
  }
}
