package io.agentchannel.transport.websocket;

import static io.agentchannel.transport.websocket.Fixtures.turn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.Capability;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.ApiException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Conversations over one real connection to the simulator: warm-up, chaining with only new input,
 * {@code store:false} through the connection's cache, and what a reconnect loses.
 */
class ConversationTest {

  private SimServer sim;

  @BeforeEach
  void start() {
    sim =
        SimServer.start(
            SimOptions.builder().apiKeys(Fixtures.KEY).webSocketMode(WebSocketMode.V1).build());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private static long uncachedInput(Response response) {
    long cached = response.usage().inputTokensDetails().getOrDefault("cached_tokens", 0L);
    return response.usage().inputTokens() - cached;
  }

  @Test
  void warmup_then_chained_turns_send_only_the_new_input_over_one_connection() {
    CreateRequest base =
        CreateRequest.builder()
            .model("echo")
            .instructions("You are a careful build agent. Answer briefly.")
            .tools(
                List.of(
                    new FunctionTool("run_tests", "Run the tests", null, null, java.util.Map.of())))
            .build();
    try (AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      assertThat(channel.capabilities())
          .contains(
              Capability.PERSISTENT_CONNECTION,
              Capability.CONNECTION_LOCAL_STATE,
              Capability.WARMUP)
          .doesNotContain(Capability.LANES);
      Response warm = channel.warmup(base).join();
      assertThat(warm.output()).isEmpty();

      Response first =
          channel
              .create(
                  base.toBuilder().previousResponseId(warm.id()).input("turn one: alpha").build())
              .drain()
              .join();
      Response second =
          channel
              .create(
                  base.toBuilder().previousResponseId(first.id()).input("turn two: gamma").build())
              .drain()
              .join();
      assertThat(second.outputText()).contains("turn two: gamma");

      SimStats stats = sim.stats();
      assertThat(stats.connectionsOpened()).isEqualTo(1);
      assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(3);
      assertThat(stats.cacheHits()).isEqualTo(2);
      assertThat(stats.cacheMisses()).isZero();
      assertThat(stats.rehydrations()).isZero();
      // The server billed the whole context but processed only what arrived new: both turns sent
      // one message of the same length, so the uncached part is the same although the chain grew.
      assertThat(second.usage().inputTokens()).isGreaterThan(first.usage().inputTokens());
      assertThat(uncachedInput(second)).isEqualTo(uncachedInput(first));
    }
  }

  @Test
  void a_cancelled_response_is_drained_and_the_connection_serves_the_next_turn() {
    try (AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      ResponseStream longAnswer = channel.create(turn("long answer [sim answer_tokens=200]"));
      CompletableFuture<Void> cancelled = new CompletableFuture<>();
      longAnswer.subscribe(
          new Flow.Subscriber<>() {
            private Flow.Subscription subscription;
            private int seen;

            @Override
            public void onSubscribe(Flow.Subscription s) {
              subscription = s;
              s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerEvent event) {
              if (++seen == 5) {
                subscription.cancel();
                cancelled.complete(null);
              }
            }

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
          });
      cancelled.join();
      Response next = channel.create(turn("after the cancel")).drain().join();
      assertThat(next.outputText()).contains("after the cancel");
      SimStats stats = sim.stats();
      assertThat(stats.connectionsOpened()).isEqualTo(1);
      assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(2);
    }
  }

  @Test
  void past_its_rotation_age_a_connection_is_replaced_and_closed() throws InterruptedException {
    try (AgentChannel channel =
        AgentChannels.create(
            Fixtures.options(sim)
                .setting(WebSocketTransportOptions.ROTATE_AFTER, "300ms")
                .build())) {
      channel.create(turn("on the first connection")).drain().join();
      Thread.sleep(400);
      channel.create(turn("on the second connection")).drain().join();
      assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
      // Each retires once idle past its age: no connection is left open behind the channel.
      org.awaitility.Awaitility.await()
          .untilAsserted(() -> assertThat(sim.stats().connectionsActive()).isZero());
    }
  }

  @Test
  void store_false_chains_through_the_connection_cache_and_a_reconnect_loses_it() {
    CreateRequest unstored = turn("first").toBuilder().store(false).build();
    String firstId;
    try (AgentChannel channel = AgentChannels.create(Fixtures.options(sim).build())) {
      Response first = channel.create(unstored).drain().join();
      firstId = first.id();
      Response second =
          channel
              .create(turn("second").toBuilder().store(false).previousResponseId(firstId).build())
              .drain()
              .join();
      assertThat(second.outputText()).contains("second");
      assertThat(sim.stats().cacheHits()).isEqualTo(1);
    }

    try (AgentChannel reconnected = AgentChannels.create(Fixtures.options(sim).build())) {
      CreateRequest lost =
          turn("third").toBuilder().store(false).previousResponseId(firstId).build();
      assertThatThrownBy(() -> reconnected.create(lost).drain().join())
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(ApiException.class)
          .extracting(e -> ((ApiException) e).code())
          .isEqualTo("previous_response_not_found");
      // The connection survives a request-scoped error: resend the full context on it.
      Response full =
          reconnected
              .create(turn("first, then third").toBuilder().store(false).build())
              .drain()
              .join();
      assertThat(full.outputText()).contains("third");
    }
    SimStats stats = sim.stats();
    assertThat(stats.connectionsOpened()).isEqualTo(2);
    assertThat(stats.errors("previous_response_not_found")).isEqualTo(1);
    assertThat(stats.rehydrations()).isZero();
  }
}
