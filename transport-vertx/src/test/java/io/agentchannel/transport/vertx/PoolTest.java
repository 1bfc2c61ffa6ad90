package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agentchannel.AgentChannel;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** v1: parallel conversations of one channel spread over the session's pool of connections. */
class PoolTest extends SimFixture {

  @Test
  void parallel_conversations_get_a_connection_each_and_continue_on_it() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim, Map.of("agentchannel.vertx.pool.max-connections", "4"));
    List<Response> firsts = join(start(channel, 4, "[sim answer_tokens=200] first", null));
    assertThat(sim.stats().connectionsOpened()).isEqualTo(4);

    List<String> parents = firsts.stream().map(Response::id).toList();
    List<Response> seconds = join(start(channel, 4, "second", parents));
    for (int i = 0; i < 4; i++) {
      assertThat(seconds.get(i).previousResponseId()).isEqualTo(parents.get(i));
    }
    SimStats stats = sim.stats();
    assertThat(stats.cacheHits()).isEqualTo(4); // each on the connection that holds its parent
    assertThat(stats.connectionsOpened()).isEqualTo(4);
    assertThat(stats.errorsByCode()).isEmpty();
  }

  @Test
  void past_the_limit_conversations_queue_on_the_open_connections() throws Exception {
    SimServer sim = sim();
    AgentChannel channel = channel(sim, Map.of("agentchannel.vertx.pool.max-connections", "2"));
    List<Response> responses = join(start(channel, 6, "[sim answer_tokens=50] hi", null));
    assertThat(responses).allSatisfy(r -> assertThat(r.status()).isEqualTo("completed"));
    assertThat(sim.stats().connectionsOpened()).isEqualTo(2);
    assertThat(sim.stats().errorsByCode()).isEmpty(); // never two in flight on one connection
  }

  @Test
  void idle_surplus_connections_are_evicted_down_to_one() throws Exception {
    SimServer sim = sim();
    AgentChannel channel =
        channel(
            sim,
            Map.of(
                "agentchannel.vertx.pool.max-connections", "3",
                "agentchannel.vertx.pool.idle-eviction", "300ms"));
    join(start(channel, 3, "[sim answer_tokens=200] hi", null));
    assertThat(sim.stats().connectionsOpened()).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.stats().connectionsActive() == 1);
    // The one left still serves.
    Response after = channel.create(ask("still here").build()).drain().get(20, TimeUnit.SECONDS);
    assertThat(after.outputText()).isEqualTo("echo: still here");
    assertThat(sim.stats().connectionsOpened()).isEqualTo(3);
  }

  private static List<CompletableFuture<Response>> start(
      AgentChannel channel, int n, String text, List<String> parents) {
    List<CompletableFuture<Response>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      futures.add(
          channel
              .create(
                  ask(text + " " + i)
                      .store(false)
                      .previousResponseId(parents == null ? null : parents.get(i))
                      .build())
              .drain());
    }
    return futures;
  }

  private static List<Response> join(List<CompletableFuture<Response>> futures) throws Exception {
    List<Response> responses = new ArrayList<>();
    for (CompletableFuture<Response> future : futures) {
      responses.add(future.get(20, TimeUnit.SECONDS));
    }
    return responses;
  }
}
