package io.agentchannel.sim;

import static io.agentchannel.sim.HttpTestSupport.create;
import static io.agentchannel.sim.HttpTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SseEvent;
import io.agentchannel.sim.testing.SseReader;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cost profile's delays, paid where {@link CostProfile} says. Only lower bounds: a turn may
 * always take longer on a busy machine, never shorter.
 */
class CostModelTest {

  private static final Duration ZERO = Duration.ZERO;

  @Test
  void overheadComesBeforeCreatedAndTimeToFirstTokenBeforeTheFirstDelta() {
    CostProfile cost =
        new CostProfile(
            Duration.ofMillis(100),
            ZERO,
            ZERO,
            ZERO,
            Duration.ofMillis(200),
            Duration.ofMillis(20),
            0);
    try (SimServer sim = SimServer.start(SimOptions.builder().cost(cost).build())) {
      SimHttp http = new SimHttp(sim);
      long start = System.nanoTime();
      HttpResponse<InputStream> response =
          http.streamResponse(create("echo", "[sim answer_tokens=10] slowly", true).toString());
      List<SseReader.Item> items = new ArrayList<>();
      try (SseReader reader = new SseReader(response.body())) {
        SseReader.Item item;
        while (!(item = reader.next()).end()) {
          items.add(item);
        }
      }

      SseReader.Item created = items.get(0);
      assertThat(created.event().type()).isEqualTo("response.created");
      assertThat(millisSince(start, created)).isGreaterThanOrEqualTo(100);
      List<SseReader.Item> deltas =
          items.stream()
              .filter(i -> i.event().type().equals("response.output_text.delta"))
              .toList();
      assertThat(deltas).hasSize(10);
      assertThat(millisSince(start, deltas.get(0))).isGreaterThanOrEqualTo(100 + 200);
      // Nine gaps between ten tokens. Measured from the start, never between two arrivals: a
      // client that falls behind reads deltas in a burst however the server paced them.
      assertThat(millisSince(start, deltas.get(9))).isGreaterThanOrEqualTo(100 + 200 + 9 * 20);
      assertThat(items.get(items.size() - 1).event().type()).isEqualTo("response.completed");
    }
  }

  @Test
  void httpContinuationPaysRehydrationPerResponseOfTheChain() {
    Duration perResponse = Duration.ofMillis(120);
    CostProfile cost = new CostProfile(ZERO, ZERO, perResponse, ZERO, ZERO, ZERO, 0);
    try (SimServer sim = SimServer.start(SimOptions.builder().cost(cost).build())) {
      SimHttp http = new SimHttp(sim);
      String previous = null;
      List<Duration> took = new ArrayList<>();
      for (int turn = 0; turn < 3; turn++) {
        var body = create("echo", "turn " + turn, false);
        if (previous != null) {
          body.put("previous_response_id", previous);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = http.post(body.toString());
        took.add(Duration.ofNanos(System.nanoTime() - start));
        assertThat(response.statusCode()).isEqualTo(200);
        previous = json(response.body()).path("id").asText();
      }

      // The second turn rehydrates one stored response, the third a chain of two.
      assertThat(took.get(1)).isGreaterThanOrEqualTo(perResponse);
      assertThat(took.get(2)).isGreaterThanOrEqualTo(perResponse.multipliedBy(2));
      assertThat(sim.stats().rehydrations()).isEqualTo(2);
    }
  }

  @Test
  void streamedContinuationPaysRehydrationBeforeItsFirstOutput() {
    Duration perResponse = Duration.ofMillis(150);
    CostProfile cost = new CostProfile(ZERO, ZERO, perResponse, ZERO, ZERO, ZERO, 0);
    try (SimServer sim = SimServer.start(SimOptions.builder().cost(cost).build())) {
      SimHttp http = new SimHttp(sim);
      String id =
          json(http.post(create("echo", "first", false).toString()).body()).path("id").asText();
      var next = create("echo", "second", true);
      next.put("previous_response_id", id);
      long start = System.nanoTime();
      List<SseEvent> events = http.stream(next.toString());
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(events.get(events.size() - 1).type()).isEqualTo("response.completed");
      assertThat(took).isGreaterThanOrEqualTo(perResponse);
    }
  }

  private static long millisSince(long startNanos, SseReader.Item item) {
    return Duration.ofNanos(item.arrivedNanos() - startNanos).toMillis();
  }
}
