package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSubscriber;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** RULES.md area 8: timeouts and faults. */
abstract class FaultRules extends BackpressureRules {

  @Test
  public void ac_8_1_a_drop_mid_stream_fails_with_a_connection_error() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s =
          stream(f.channel(), faulty("[sim answer_tokens=50] hi", "close_after:3"), "AC-8.1");
      assertThat(s.completed())
          .as("AC-8.1: a dropped connection must never complete the stream; saw %s", s.describe())
          .isFalse();
      assertThat(s.error())
          .as("AC-8.1: expected onError(ConnectionException) after the drop; saw %s", s.describe())
          .isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) s.error()).requestMayHaveBeenSent())
          .as(
              "AC-8.1: the request was sent before the drop: requestMayHaveBeenSent must be true"
                  + " (ConnectionException.afterSend), or a caller may replay a turn that ran")
          .isTrue();
      assertThat(s.events)
          .as("AC-8.1: the 3 events sent before the drop are delivered; saw %s", s.describe())
          .hasSize(3);
    }
  }

  @Test
  public void ac_8_2_a_stall_fails_with_the_idle_timeout() throws Exception {
    Duration idle = limits().deadline();
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel(f.options().idleTimeout(idle).build());
      long start = System.nanoTime();
      RecordingSubscriber s =
          stream(channel, faulty("[sim answer_tokens=50] hi", "stall_after:4"), "AC-8.2");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertPhase(s, Phase.IDLE, idle, "AC-8.2");
      assertThat(s.events).as("AC-8.2: events before the stall; saw %s", s.describe()).hasSize(4);
      assertThat(took)
          .as("AC-8.2: the stream failed before the idle deadline passed")
          .isGreaterThanOrEqualTo(idle);
    }
  }

  @Test
  public void ac_8_3_no_first_event_fails_with_the_first_event_timeout() throws Exception {
    Duration firstEvent = limits().deadline();
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel(f.options().firstEventTimeout(firstEvent).build());
      RecordingSubscriber s = stream(channel, faulty("hi", "stall_after:0"), "AC-8.3");
      assertPhase(s, Phase.FIRST_EVENT, firstEvent, "AC-8.3");
    }
  }

  @Test
  public void ac_8_4_a_long_response_fails_with_the_total_timeout() throws Exception {
    Duration total = limits().deadline();
    CostProfile slowTokens =
        new CostProfile(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(20),
            0);
    try (Fixture f = fixture(sim -> sim.cost(slowTokens))) {
      AgentChannel channel = f.channel(f.options().totalTimeout(total).build());
      long tokens = Math.max(100, 3 * total.toMillis() / 20);
      RecordingSubscriber s =
          stream(channel, echo("[sim answer_tokens=" + tokens + "] slow").build(), "AC-8.4");
      assertPhase(s, Phase.TOTAL, total, "AC-8.4");
    }
  }

  @Test
  public void ac_8_5_a_malformed_event_is_a_protocol_violation() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s =
          stream(f.channel(), faulty("[sim answer_tokens=20] hi", "malformed_after:2"), "AC-8.5");
      assertThat(s.error())
          .as(
              "AC-8.5: expected onError(ProtocolViolationException) for a frame that is not"
                  + " JSON; saw %s",
              s.describe())
          .isInstanceOf(ProtocolViolationException.class);
      assertThat(s.events).as("AC-8.5: events before the malformed one").hasSize(2);
    }
  }

  @Test
  public void ac_8_6_the_channel_recovers_after_a_drop() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      failureOf(
          channel.create(faulty("[sim answer_tokens=50] hi", "close_after:3")).drain(), "AC-8.6");
      assertThat(responseOf(channel.create(echo("again").build()).drain(), "AC-8.6").outputText())
          .as("AC-8.6: the next response on the same channel after a dropped connection")
          .isEqualTo("echo: again");
    }
  }

  private static void assertPhase(RecordingSubscriber s, Phase phase, Duration limit, String rule) {
    assertThat(s.completed())
        .as("%s: a stream past its deadline must not complete; saw %s", rule, s.describe())
        .isFalse();
    assertThat(s.error())
        .as(
            "%s: expected onError(PhaseTimeoutException[phase=%s]); saw %s; check that the"
                + " transport pushes through ExchangeDeadlines.sink()",
            rule, phase, s.describe())
        .isInstanceOf(PhaseTimeoutException.class);
    PhaseTimeoutException timeout = (PhaseTimeoutException) s.error();
    assertThat(timeout.phase())
        .as("%s: phase of %s", rule, Describe.error(timeout))
        .isEqualTo(phase);
    assertThat(timeout.limit())
        .as("%s: limit of %s", rule, Describe.error(timeout))
        .isEqualTo(limit);
  }
}
