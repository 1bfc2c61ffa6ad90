package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Closing sessions and transports: what is in flight fails typed, what comes after is refused. */
class SessionLifecycleTest extends SimFixture {

  @Test
  void closing_a_session_fails_its_response_in_flight_as_possibly_sent_and_refuses_later_sends()
      throws Exception {
    SimServer sim = sim(o -> o.cost(SlowTokens.PROFILE));
    Transport transport = transport(options(sim).build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    BufferedResponseStream stream = new BufferedResponseStream(256);
    session.send(ask("[sim answer_tokens=2000] long").build(), stream);
    Recorder recorder = new Recorder(new AtomicLong());
    stream.subscribe(recorder);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.seen.size() > 5);
    CompletableFuture<Response> inFlight = stream.completion();
    assertThat(inFlight).isNotDone();
    session.close();

    Throwable failed = catchThrowable(() -> inFlight.get(20, TimeUnit.SECONDS));
    assertThat(failed.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) failed.getCause()).requestMayHaveBeenSent()).isTrue();

    Throwable refused =
        catchThrowable(() -> Turns.run(session, ask("after").build()).get(20, TimeUnit.SECONDS));
    assertThat(refused.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) refused.getCause()).requestMayHaveBeenSent()).isFalse();
    assertThat(session.isOpen()).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.stats().connectionsActive() == 0);
  }

  @Test
  void sessions_are_independent_and_a_closed_transport_opens_nothing() throws Exception {
    SimServer sim = sim();
    Transport transport = transport(options(sim).build());
    TransportSession one = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    TransportSession two = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Response first = Turns.run(one, ask("on one").store(false).build()).get(20, TimeUnit.SECONDS);

    // Another session has its own connection: the first session's cache is not there.
    Throwable missing =
        catchThrowable(
            () ->
                Turns.run(two, ask("on two").store(false).previousResponseId(first.id()).build())
                    .get(20, TimeUnit.SECONDS));
    assertThat(missing.getCause()).hasMessageContaining("previous_response_not_found");
    one.close();
    assertThat(Turns.run(two, ask("still").build()).get(20, TimeUnit.SECONDS).outputText())
        .isEqualTo("echo: still");

    transport.close();
    assertThat(two.isOpen()).isFalse();
    Throwable closed = UpgradeTest.failureOf(transport);
    assertThat(closed).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) closed).requestMayHaveBeenSent()).isFalse();
  }
}
