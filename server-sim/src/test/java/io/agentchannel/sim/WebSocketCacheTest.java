package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.testing.SimSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The connection-local cache: it holds the latest response of a lane, {@code store:false} chains
 * only through it, a miss falls back to the response store when the response was stored, a failed
 * continuation evicts what it continued, and it dies with the connection.
 */
class WebSocketCacheTest extends WebSocketTestSupport {

  @Test
  void continuing_from_a_response_that_is_no_longer_the_latest_fails_with_store_false() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    String first = complete(socket, create("echo", "one"), false);
    String second = complete(socket, continuation("echo", first, userMessage("two")), false);

    socket.send(withStore(continuation("echo", first, userMessage("fork")), false).toString());
    assertErrorFrame(socket.next(), 400, "previous_response_not_found", "previous_response_id");

    // A miss on a response the lane no longer holds evicts nothing: the latest still chains.
    String third = complete(socket, continuation("echo", second, userMessage("three")), false);
    assertThat(third).isNotEqualTo(second);
    awaitCacheCounts(sim, 2, 1, 0);
  }

  @Test
  void with_store_true_the_same_continuation_is_rehydrated_from_the_store() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    String first = complete(socket, create("echo", "one"), true);
    complete(socket, continuation("echo", first, userMessage("two")), true);

    socket.send(withStore(continuation("echo", first, userMessage("fork")), true).toString());
    List<JsonNode> frames = socket.untilTerminal();

    JsonNode terminal = frames.get(frames.size() - 1);
    assertThat(type(terminal)).isEqualTo("response.completed");
    assertThat(terminal.path("response").path("previous_response_id").asText()).isEqualTo(first);
    awaitCacheCounts(sim, 1, 1, 1);
  }

  @Test
  void a_failed_same_lane_continuation_evicts_the_response_it_continued() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    String first = complete(socket, create("echo", "one"), false);

    // An output for a call that was never made: the service refuses the whole turn.
    ObjectNode orphan = continuation("echo", first, functionCallOutput("call_unknown", "42"));
    socket.send(withStore(orphan, false).toString());
    assertErrorFrame(socket.next(), 400, null, "input");

    socket.send(withStore(continuation("echo", first, userMessage("again")), false).toString());
    assertErrorFrame(socket.next(), 400, "previous_response_not_found", "previous_response_id");
    awaitCacheCounts(sim, 1, 1, 0);
  }

  @Test
  void a_new_connection_starts_with_an_empty_cache() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    String first = complete(socket, create("echo", "one"), false);

    SimSocket other = connect(sim);
    other.send(withStore(continuation("echo", first, userMessage("two")), false).toString());
    assertErrorFrame(other.next(), 400, "previous_response_not_found", "previous_response_id");

    // The first connection's cache is its own and still holds the response.
    complete(socket, continuation("echo", first, userMessage("two")), false);
    awaitCacheCounts(sim, 1, 1, 0);
  }

  @Test
  void a_closed_connection_takes_its_cache_with_it_but_not_the_store() {
    SimServer sim = start(SimOptions.builder());
    SimSocket socket = connect(sim);
    String unstored = complete(socket, create("echo", "one"), false);
    String stored = complete(socket, create("echo", "two"), true);
    socket.close();
    socket.awaitClose();

    SimSocket next = connect(sim);
    next.send(withStore(continuation("echo", unstored, userMessage("three")), false).toString());
    assertErrorFrame(next.next(), 400, "previous_response_not_found", "previous_response_id");
    complete(next, continuation("echo", stored, userMessage("three")), false);
    awaitCacheCounts(sim, 0, 2, 1);
  }

  /** Sends {@code frame} with {@code store} and returns the id of its completed response. */
  private static String complete(SimSocket socket, ObjectNode frame, boolean store) {
    socket.send(withStore(frame, store).toString());
    List<JsonNode> frames = socket.untilTerminal();
    JsonNode terminal = frames.get(frames.size() - 1);
    assertThat(type(terminal)).as("frames %s", frames).isEqualTo("response.completed");
    return responseId(terminal);
  }

  private static ObjectNode withStore(ObjectNode frame, boolean store) {
    return frame.put("store", store);
  }

  private static void awaitCacheCounts(SimServer sim, long hits, long misses, long rehydrations) {
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              SimStats stats = sim.stats();
              assertThat(stats.cacheHits()).as("cache hits").isEqualTo(hits);
              assertThat(stats.cacheMisses()).as("cache misses").isEqualTo(misses);
              assertThat(stats.rehydrations()).as("rehydrations").isEqualTo(rehydrations);
            });
  }
}
