package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.SimStats.LatencySummary;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimStatsTest {

  private static SimStats stats(Map<String, Long> turnsByTransport, Map<String, Long> errors) {
    return new SimStats(
        1,
        0,
        turnsByTransport,
        Map.of("completed", 3L),
        4,
        5,
        6,
        errors,
        Map.of("http.turn", new LatencySummary(3, 0.3, 0.1, 0.2, 0.2)));
  }

  @Test
  void maps_are_sorted_unmodifiable_copies() {
    Map<String, Long> turns = new LinkedHashMap<>();
    turns.put("websocket", 2L);
    turns.put("http", 1L);
    Map<String, Long> errors = new HashMap<>(Map.of("b", 1L, "a", 2L, "c", 3L));
    SimStats s = stats(turns, errors);
    turns.put("other", 9L);
    errors.clear();

    assertThat(s.turnsByTransport().keySet()).containsExactly("http", "websocket");
    assertThat(s.errorsByCode().keySet()).containsExactly("a", "b", "c");
    assertThatThrownBy(() -> s.turnsByTransport().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.latencies().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void conveniences_default_to_zero_or_null() {
    SimStats s = stats(Map.of("http", 3L), Map.of("http_429", 2L));

    assertThat(s.turns("http")).isEqualTo(3);
    assertThat(s.turns("websocket")).isZero();
    assertThat(s.errors("http_429")).isEqualTo(2);
    assertThat(s.errors("previous_response_not_found")).isZero();
    assertThat(s.latency("http", SimStats.PHASE_TURN).count()).isEqualTo(3);
    assertThat(s.latency("http", SimStats.PHASE_FIRST_EVENT)).isNull();
  }

  @Test
  void equal_content_is_equal_whatever_the_source_maps() {
    assertThat(stats(new HashMap<>(Map.of("http", 1L)), Map.of()))
        .isEqualTo(stats(Map.of("http", 1L), new LinkedHashMap<>()))
        .hasSameHashCodeAs(stats(Map.of("http", 1L), Map.of()));
  }

  @Test
  void rejects_negative_counts_and_nulls() {
    assertThatThrownBy(() -> stats(Map.of("http", -1L), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("turnsByTransport[http]");
    assertThatThrownBy(() -> stats(null, Map.of()))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("turnsByTransport");
    Map<String, Long> withNull = new HashMap<>();
    withNull.put("x", null);
    assertThatThrownBy(() -> stats(Map.of(), withNull))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("errorsByCode[x]");
    assertThatThrownBy(() -> new SimStats(-1, 0, Map.of(), Map.of(), 0, 0, 0, Map.of(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("connectionsOpened");
    assertThatThrownBy(() -> new LatencySummary(1, Double.NaN, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sumSeconds");
    assertThatThrownBy(() -> new LatencySummary(-1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
