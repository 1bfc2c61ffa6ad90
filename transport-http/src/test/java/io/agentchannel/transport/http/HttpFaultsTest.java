package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.failureOf;
import static io.agentchannel.transport.http.SimChannels.faulty;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.testing.LoopbackProxy;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dropped connections, stalls, every deadline, refused connects and cancellation. */
class HttpFaultsTest {

  private static SimServer sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void a_connection_dropped_mid_stream_is_a_connection_exception_that_may_have_been_sent() {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      ResponseStream stream = channel.create(faulty("[sim answer_tokens=50] hi", "close_after:3"));
      stream.subscribe(recorder);
      Throwable error = failureOf(stream.completion(), 10);

      assertThat(error).isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isTrue();
      assertThat(recorder.events).hasSize(3);
      // The channel goes on: the next turn gets a fresh connection.
      assertThat(channel.create(echo("again").build()).drain().join().outputText())
          .isEqualTo("echo: again");
    }
  }

  @Test
  void a_stream_that_stalls_fails_with_the_idle_timeout() {
    try (AgentChannel channel =
        AgentChannels.create(options(sim).idleTimeout(Duration.ofMillis(300)).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      ResponseStream stream = channel.create(faulty("[sim answer_tokens=50] hi", "stall_after:4"));
      stream.subscribe(recorder);
      long start = System.nanoTime();
      Throwable error = failureOf(stream.completion(), 10);

      assertThat(error).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) error).phase()).isEqualTo(Phase.IDLE);
      assertThat(((PhaseTimeoutException) error).limit()).isEqualTo(Duration.ofMillis(300));
      assertThat(recorder.events).hasSize(4);
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  @Test
  void a_server_that_sends_no_event_fails_with_the_first_event_timeout() {
    try (AgentChannel channel =
        AgentChannels.create(options(sim).firstEventTimeout(Duration.ofMillis(300)).build())) {
      Throwable error = failureOf(channel.create(faulty("hi", "stall_after:0")).drain(), 10);

      assertThat(error).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) error).phase()).isEqualTo(Phase.FIRST_EVENT);
    }
  }

  @Test
  void a_server_that_never_answers_fails_with_the_response_headers_timeout() throws Exception {
    try (LoopbackProxy silent = LoopbackProxy.silent();
        AgentChannel channel =
            AgentChannels.create(
                options(sim)
                    .baseUrl(URI.create(silent.url() + "/v1"))
                    .responseHeadersTimeout(Duration.ofMillis(300))
                    .firstEventTimeout(Duration.ofSeconds(30))
                    .build())) {
      Throwable error = failureOf(channel.create(echo("hi").build()).drain(), 10);

      assertThat(error).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) error).phase()).isEqualTo(Phase.RESPONSE_HEADERS);
    }
  }

  @Test
  void a_response_longer_than_the_total_deadline_fails_with_total() {
    CostProfile slowTokens =
        new CostProfile(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMillis(20),
            0);
    try (SimServer slow =
            SimServer.start(
                SimOptions.builder().apiKeys(SimChannels.KEY).cost(slowTokens).build());
        AgentChannel channel =
            AgentChannels.create(options(slow).totalTimeout(Duration.ofMillis(400)).build())) {
      Throwable error =
          failureOf(channel.create(echo("[sim answer_tokens=500] hi").build()).drain(), 10);

      assertThat(error).isInstanceOf(PhaseTimeoutException.class);
      assertThat(((PhaseTimeoutException) error).phase()).isEqualTo(Phase.TOTAL);
    }
  }

  @Test
  void a_refused_connect_is_a_connection_exception_that_was_not_sent() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (AgentChannel channel =
        AgentChannels.create(
            options(sim).baseUrl(URI.create("http://127.0.0.1:" + closedPort + "/v1")).build())) {
      Throwable error = failureOf(channel.create(echo("hi").build()).drain(), 10);

      assertThat(error).isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
      assertThat(error.getMessage()).contains("127.0.0.1:" + closedPort);
    }
  }

  @Test
  void a_connect_that_does_not_complete_fails_with_the_connect_timeout() throws Exception {
    // A listening socket whose accept queue is full: the kernel drops further SYNs, so a connect
    // neither succeeds nor is refused.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      List<Socket> fillers = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          Socket filler = new Socket();
          try {
            filler.connect(full.getLocalSocketAddress(), 200);
            fillers.add(filler);
          } catch (IOException queueFull) {
            filler.close();
            break;
          }
        }
        try (AgentChannel channel =
            AgentChannels.create(
                options(sim)
                    .baseUrl(URI.create("http://127.0.0.1:" + full.getLocalPort() + "/v1"))
                    .connectTimeout(Duration.ofMillis(300))
                    .build())) {
          Throwable error = failureOf(channel.create(echo("hi").build()).drain(), 10);

          assertThat(error).isInstanceOf(PhaseTimeoutException.class);
          assertThat(((PhaseTimeoutException) error).phase()).isEqualTo(Phase.CONNECT);
          assertThat(((PhaseTimeoutException) error).limit()).isEqualTo(Duration.ofMillis(300));
        }
      } finally {
        for (Socket filler : fillers) {
          filler.close();
        }
      }
    }
  }

  @Test
  void cancel_aborts_the_exchange_and_frees_its_connection() throws Exception {
    CountDownLatch someEvents = new CountDownLatch(5);
    try (SimServer own = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        AgentChannel channel = AgentChannels.create(options(own).build())) {
      ResponseStream stream = channel.create(echo("[sim answer_tokens=100000] long").build());
      stream.subscribe(
          new Flow.Subscriber<ServerEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscription.request(5); // then nothing more: the transport pauses
            }

            @Override
            public void onNext(ServerEvent item) {
              someEvents.countDown();
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
          });
      assertThat(someEvents.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(own.stats().connectionsActive()).isEqualTo(1);

      stream.cancel();

      assertThat(failureOf(stream.completion(), 5)).isInstanceOf(CancellationException.class);
      // The server sees the client go: the connection closes and the turn counts as cancelled.
      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                SimStats stats = own.stats();
                assertThat(stats.connectionsActive()).isZero();
                assertThat(stats.turnsByOutcome().get(SimStats.OUTCOME_CANCELLED)).isEqualTo(1);
              });
      Response next =
          channel.create(echo("after cancel").build()).drain().get(10, TimeUnit.SECONDS);
      assertThat(next.outputText()).isEqualTo("echo: after cancel");
    }
  }
}
