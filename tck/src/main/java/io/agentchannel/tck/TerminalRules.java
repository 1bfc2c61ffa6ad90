package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.error.ApiException;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSink;
import io.agentchannel.tck.internal.RecordingSubscriber;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RULES.md area 3: terminal events and errors. */
abstract class TerminalRules extends StreamRules {

  @Test
  public void ac_3_1_exactly_one_terminal_event_then_on_complete() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s =
          stream(f.channel(), echo("[sim answer_tokens=20] one end").build(), "AC-3.1");
      List<ServerEvent> terminals = s.events.stream().filter(ServerEvent::isTerminal).toList();
      assertThat(terminals)
          .as("AC-3.1: expected exactly one terminal event; saw %s", s.describe())
          .hasSize(1);
      assertThat(s.events.get(s.events.size() - 1))
          .as("AC-3.1: the terminal event must be the last one delivered; saw %s", s.describe())
          .isSameAs(terminals.get(0))
          .isInstanceOf(ServerEvent.ResponseCompleted.class);
      assertThat(s.completed())
          .as("AC-3.1: onComplete after response.completed; saw %s", s.describe())
          .isTrue();
      assertThat(s.signalsAfterTermination.get()).as("AC-3.1: signals after onComplete").isZero();
    }
  }

  @Test
  public void ac_3_2_terminal_event_is_last() throws Exception {
    try (Fixture f = fixture()) {
      TransportSession session = f.session();
      RecordingSink sink = RecordingSink.unbounded();
      session.send(echo("[sim answer_tokens=20] last").build(), sink);
      awaitEnd(sink, "AC-3.2");
      Thread.sleep(limits().quiet().toMillis()); // watch for anything after the end
      assertThat(sink.failures)
          .as(
              "AC-3.2: a healthy response ends with its terminal event, not fail(); %s",
              sink.describe())
          .isEmpty();
      assertThat(sink.terminals())
          .as("AC-3.2: exactly one terminal event pushed into the sink; %s", sink.describe())
          .hasSize(1);
      assertThat(sink.callsAfterEnd.get())
          .as(
              "AC-3.2: push()/fail() calls after the terminal event (a second terminal, a late"
                  + " fail on close); %s",
              sink.describe())
          .isZero();
    }
  }

  @Test
  public void ac_3_3_an_error_status_surfaces_with_status_type_code_and_retry_after()
      throws Exception {
    try (Fixture f = fixture()) {
      Throwable error =
          failureOf(f.channel().create(faulty("hi", "status:429:7")).drain(), "AC-3.3");
      assertThat(error)
          .as("AC-3.3: expected ApiException(429), observed %s", Describe.error(error))
          .isInstanceOf(ApiException.class);
      ApiException api = (ApiException) error;
      assertThat(api.status()).as("AC-3.3: status of %s", Describe.error(api)).isEqualTo(429);
      assertThat(api.type()).as("AC-3.3: type of %s", Describe.error(api)).isEqualTo("requests");
      assertThat(api.code())
          .as("AC-3.3: code of %s", Describe.error(api))
          .isEqualTo("rate_limit_exceeded");
      assertThat(api.retryAfter())
          .as(
              "AC-3.3: Retry-After of %s; check that the error's headers are kept",
              Describe.error(api))
          .contains(Duration.ofSeconds(7));
    }
  }

  @Test
  public void ac_3_4_a_request_error_names_its_code_and_param() throws Exception {
    try (Fixture f = fixture()) {
      Throwable error =
          failureOf(
              f.channel()
                  .create(echo("hi").previousResponseId("resp_tck_unknown").store(true).build())
                  .drain(),
              "AC-3.4");
      assertThat(error)
          .as("AC-3.4: expected ApiException, observed %s", Describe.error(error))
          .isInstanceOf(ApiException.class);
      ApiException api = (ApiException) error;
      assertThat(api.status()).as("AC-3.4: status of %s", Describe.error(api)).isEqualTo(400);
      assertThat(api.type())
          .as("AC-3.4: type of %s", Describe.error(api))
          .isEqualTo("invalid_request_error");
      assertThat(api.code())
          .as("AC-3.4: code of %s", Describe.error(api))
          .isEqualTo("previous_response_not_found");
      assertThat(api.param())
          .as("AC-3.4: param of %s", Describe.error(api))
          .isEqualTo("previous_response_id");
    }
  }

  @Test
  public void ac_3_5_an_error_event_mid_stream_fails_the_stream() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s =
          stream(f.channel(), faulty("[sim answer_tokens=20] hi", "error_after:3"), "AC-3.5");
      assertThat(s.events)
          .as("AC-3.5: the 3 events before the error and the error event; saw %s", s.describe())
          .hasSize(4);
      assertThat(s.events.get(3))
          .as("AC-3.5: the error event is delivered last; saw %s", s.describe())
          .isInstanceOf(ServerEvent.Error.class);
      assertThat(s.error())
          .as("AC-3.5: onError(ApiException) after the error event; saw %s", s.describe())
          .isInstanceOf(ApiException.class);
    }
  }

  @Test
  public void ac_3_6_a_failed_response_fails_the_stream() throws Exception {
    try (Fixture f = fixture()) {
      RecordingSubscriber s =
          stream(f.channel(), faulty("[sim answer_tokens=20] hi", "fail_after:3"), "AC-3.6");
      assertThat(s.events.get(s.events.size() - 1))
          .as("AC-3.6: response.failed is delivered last; saw %s", s.describe())
          .isInstanceOf(ServerEvent.ResponseFailed.class);
      assertThat(s.error())
          .as("AC-3.6: onError(ApiException) after response.failed; saw %s", s.describe())
          .isInstanceOf(ApiException.class);
    }
  }
}
