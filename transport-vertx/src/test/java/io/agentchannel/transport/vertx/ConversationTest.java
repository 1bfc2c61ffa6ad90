package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.wire.model.Response;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Conversations over WebSocket mode against the simulator: warm-up, chaining, the cache. */
class ConversationTest extends SimFixture {

  @Test
  void warm_up_then_chained_turns_send_only_new_input_on_one_connection() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    assertThat(channel.transportId()).isEqualTo("vertx");
    assertThat(channel.capabilities())
        .containsExactlyInAnyOrder(
            Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE, Capability.WARMUP);

    Response warm =
        channel.warmup(ask("warm").instructions("be brief").build()).get(20, TimeUnit.SECONDS);
    assertThat(warm.status()).isEqualTo(Response.STATUS_COMPLETED);
    assertThat(warm.output()).isEmpty();

    Response first =
        channel
            .create(ask("first question").previousResponseId(warm.id()).build())
            .drain()
            .get(20, TimeUnit.SECONDS);
    assertThat(first.outputText()).isEqualTo("echo: first question");
    Response second =
        channel
            .create(ask("second question").previousResponseId(first.id()).build())
            .drain()
            .get(20, TimeUnit.SECONDS);
    assertThat(second.outputText()).isEqualTo("echo: second question");
    assertThat(second.previousResponseId()).isEqualTo(first.id());

    SimStats stats = sim.stats();
    assertThat(stats.connectionsOpened()).isEqualTo(1);
    assertThat(stats.turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(3);
    assertThat(stats.cacheHits()).isEqualTo(2); // both continuations served from the connection
    assertThat(stats.cacheMisses()).isZero();
  }

  @Test
  void store_false_chains_through_the_connection_cache() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    String previous = null;
    for (int turn = 1; turn <= 4; turn++) {
      Response response =
          channel
              .create(ask("turn " + turn).store(false).previousResponseId(previous).build())
              .drain()
              .get(20, TimeUnit.SECONDS);
      assertThat(response.outputText()).isEqualTo("echo: turn " + turn);
      previous = response.id();
    }
    assertThat(sim.stats().cacheHits()).isEqualTo(3);
    assertThat(sim.stats().connectionsOpened()).isEqualTo(1);
  }

  @Test
  void after_a_reconnect_a_store_false_continuation_gets_previous_response_not_found()
      throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim);
    Response first =
        channel.create(ask("remember me").store(false).build()).drain().get(20, TimeUnit.SECONDS);

    // The connection drops mid-response: that response fails as possibly sent.
    Throwable dropped =
        catchThrowable(
            () ->
                channel
                    .create(
                        ask("drop")
                            .store(false)
                            .previousResponseId(first.id())
                            .metadata(Map.of("sim_fault", "close_after:2"))
                            .build())
                    .drain()
                    .join());
    assertThat(dropped).isInstanceOf(CompletionException.class);
    assertThat(dropped.getCause()).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) dropped.getCause()).requestMayHaveBeenSent()).isTrue();

    // The next turn goes out on a new connection, whose cache is empty.
    Throwable missing =
        catchThrowable(
            () ->
                channel
                    .create(ask("again").store(false).previousResponseId(first.id()).build())
                    .drain()
                    .join());
    assertThat(missing.getCause()).isInstanceOf(ApiException.class);
    assertThat(((ApiException) missing.getCause()).code()).isEqualTo("previous_response_not_found");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);

    // Starting over with the full context works on the new connection.
    Response fresh =
        channel.create(ask("start over").store(false).build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(fresh.outputText()).isEqualTo("echo: start over");
  }
}
