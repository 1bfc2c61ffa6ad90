package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.ResponseStream;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.wire.model.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** v2: parallel conversations share one connection through {@code stream_id} lanes. */
class LanesTest extends SimFixture {

  private static final int CONVERSATIONS = 8;

  @Test
  void parallel_conversations_interleave_on_lanes_of_one_connection_and_continue_there()
      throws Exception {
    // A token every 2 ms, so that the lanes' responses are produced at the same time.
    SimServer sim = sim(o -> o.webSocketMode(WebSocketMode.V2).cost(SlowTokens.PROFILE));
    AgentChannel channel =
        channel(
            sim,
            Map.of(
                "agentchannel.vertx.lanes",
                "true",
                "agentchannel.vertx.pool.max-connections",
                "1"));
    assertThat(channel.capabilities()).contains(Capability.LANES);

    AtomicLong order = new AtomicLong();
    List<Recorder> recorders = new ArrayList<>();
    List<ResponseStream> streams = new ArrayList<>();
    for (int i = 0; i < CONVERSATIONS; i++) {
      ResponseStream stream =
          channel.create(ask("[sim answer_tokens=60] conversation " + i).store(false).build());
      Recorder recorder = new Recorder(order);
      stream.subscribe(recorder);
      recorders.add(recorder);
      streams.add(stream);
    }
    List<Response> firsts = new ArrayList<>();
    for (ResponseStream stream : streams) {
      firsts.add(stream.completion().get(20, TimeUnit.SECONDS));
    }

    // Each conversation had a lane of its own, and their events interleaved on the connection.
    Set<String> lanes = new HashSet<>();
    for (Recorder recorder : recorders) {
      Set<String> ids = new HashSet<>();
      recorder.seen.forEach(s -> ids.add(s.event().streamId()));
      assertThat(ids).hasSize(1).doesNotContainNull();
      lanes.addAll(ids);
    }
    assertThat(lanes).hasSize(CONVERSATIONS);
    assertThat(overlapping(recorders)).isTrue();

    // Continuations with store:false find their parent in their lane's cache.
    List<CompletableFuture<Response>> seconds = new ArrayList<>();
    for (int i = 0; i < CONVERSATIONS; i++) {
      seconds.add(
          channel
              .create(
                  ask("and then " + i).store(false).previousResponseId(firsts.get(i).id()).build())
              .drain());
    }
    for (int i = 0; i < CONVERSATIONS; i++) {
      Response second = seconds.get(i).get(20, TimeUnit.SECONDS);
      assertThat(second.previousResponseId()).isEqualTo(firsts.get(i).id());
      assertThat(second.outputText()).startsWith("and then " + i);
    }
    SimStats stats = sim.stats();
    assertThat(stats.connectionsOpened()).isEqualTo(1);
    assertThat(stats.cacheHits()).isEqualTo(CONVERSATIONS);
    assertThat(stats.errorsByCode()).isEmpty();
  }

  @Test
  void a_lane_named_by_the_caller_is_kept() throws Exception {
    SimServer sim = sim(o -> o.webSocketMode(WebSocketMode.V2));
    AgentChannel channel = channel(sim, Map.of("agentchannel.vertx.lanes", "true"));
    AtomicLong order = new AtomicLong();
    Recorder recorder = new Recorder(order);
    ResponseStream stream = channel.create(ask("hi").streamId("my-lane").build());
    stream.subscribe(recorder);
    stream.completion().get(20, TimeUnit.SECONDS);
    assertThat(recorder.seen)
        .allSatisfy(s -> assertThat(s.event().streamId()).isEqualTo("my-lane"));
  }

  private static boolean overlapping(List<Recorder> recorders) {
    for (Recorder a : recorders) {
      for (Recorder b : recorders) {
        if (!Objects.equals(a, b) && a.first() < b.first() && b.first() < a.last()) {
          return true;
        }
      }
    }
    return false;
  }
}
