package io.agentchannel.sim.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.SimStats.LatencySummary;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SimMetricsTest {

  private static final long MS = 1_000_000L;

  @Test
  void fresh_snapshot_has_the_known_keys_at_zero() {
    SimStats s = new SimMetrics().snapshot();

    assertThat(s.connectionsOpened()).isZero();
    assertThat(s.connectionsActive()).isZero();
    assertThat(s.turnsByTransport()).isEqualTo(Map.of("http", 0L, "websocket", 0L));
    assertThat(s.turnsByOutcome())
        .isEqualTo(
            Map.of("cancelled", 0L, "completed", 0L, "error", 0L, "failed", 0L, "incomplete", 0L));
    assertThat(s.errorsByCode()).isEmpty();
    assertThat(s.latencies())
        .containsOnlyKeys(
            "http.first_event", "http.turn", "websocket.first_event", "websocket.turn")
        .allSatisfy((key, summary) -> assertThat(summary).isEqualTo(LatencySummary.EMPTY));
  }

  @Test
  void counts_connections_turns_cache_and_errors() {
    SimMetrics m = new SimMetrics();
    m.connectionOpened("http");
    m.connectionOpened("http");
    m.connectionOpened("websocket");
    m.connectionClosed("http");
    m.turnFinished("http", "completed", 2 * MS, 10 * MS);
    m.turnFinished("http", "failed", 3 * MS, 20 * MS);
    m.turnFinished("websocket", "completed", 1 * MS, 5 * MS);
    m.turnFinished("websocket", "cancelled", -1, 7 * MS);
    m.cacheHit();
    m.cacheMiss();
    m.cacheMiss();
    m.rehydration();
    m.error("previous_response_not_found");
    m.error("previous_response_not_found");
    m.error("rate_limit_exceeded", 429);
    m.error(null, 503);

    SimStats s = m.snapshot();

    assertThat(s.connectionsOpened()).isEqualTo(3);
    assertThat(s.connectionsActive()).isEqualTo(2);
    assertThat(s.turns("http")).isEqualTo(2);
    assertThat(s.turns("websocket")).isEqualTo(2);
    assertThat(s.turns("carrier-pigeon")).isZero();
    assertThat(s.turnsByOutcome())
        .containsEntry("completed", 2L)
        .containsEntry("failed", 1L)
        .containsEntry("cancelled", 1L)
        .containsEntry("error", 0L);
    assertThat(s.cacheHits()).isEqualTo(1);
    assertThat(s.cacheMisses()).isEqualTo(2);
    assertThat(s.rehydrations()).isEqualTo(1);
    assertThat(s.errors("previous_response_not_found")).isEqualTo(2);
    assertThat(s.errors("rate_limit_exceeded")).isEqualTo(1);
    assertThat(s.errors("http_429")).isZero();
    assertThat(s.errors("http_503")).isEqualTo(1);

    LatencySummary httpTurn = s.latency("http", "turn");
    assertThat(httpTurn.count()).isEqualTo(2);
    assertThat(httpTurn.sumSeconds()).isCloseTo(0.030, within(1e-12));
    assertThat(httpTurn.maxSeconds()).isEqualTo(0.020);
    // 10 ms and 20 ms lie in (5 ms, 10 ms] and (10 ms, 25 ms]: the estimates stay in those.
    assertThat(httpTurn.p50Seconds()).isBetween(0.005, 0.010);
    assertThat(httpTurn.p99Seconds()).isBetween(0.010, 0.020);
    assertThat(s.latency("websocket", "first_event").count()).isEqualTo(1);
    assertThat(s.latency("websocket", "turn").count()).isEqualTo(2);
  }

  @Test
  void snapshots_do_not_follow_later_updates_and_are_unmodifiable() {
    SimMetrics m = new SimMetrics();
    m.error("x");
    SimStats before = m.snapshot();
    m.error("x");
    m.turnFinished("http", "completed", MS, MS);

    assertThat(before.errors("x")).isEqualTo(1);
    assertThat(before.turns("http")).isZero();
    assertThat(m.snapshot().errors("x")).isEqualTo(2);
    assertThatThrownBy(() -> before.errorsByCode().put("y", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void other_transports_and_outcomes_are_kept_apart_and_sorted() {
    SimMetrics m = new SimMetrics();
    m.turnFinished("custom", "weird", -1, MS);
    SimStats s = m.snapshot();

    assertThat(s.turnsByTransport().keySet()).containsExactly("custom", "http", "websocket");
    assertThat(s.turnsByOutcome()).containsEntry("weird", 1L);
    assertThat(s.latency("custom", "turn").count()).isEqualTo(1);
    assertThat(s.latency("custom", "first_event").count()).isZero();
  }

  @Test
  void error_key_rule_prefers_the_code_then_the_status() {
    assertThat(SimMetrics.errorKey("previous_response_not_found", 400))
        .isEqualTo("previous_response_not_found");
    assertThat(SimMetrics.errorKey("rate_limit_exceeded", 429)).isEqualTo("rate_limit_exceeded");
    assertThat(SimMetrics.errorKey(null, 429)).isEqualTo("http_429");
    assertThat(SimMetrics.errorKey("  ", 500)).isEqualTo("http_500");
    assertThat(SimMetrics.errorKey(null, 0)).isEqualTo(SimStats.UNKNOWN_ERROR);
    assertThat(SimMetrics.errorKey("", 42)).isEqualTo(SimStats.UNKNOWN_ERROR);
    assertThat(SimMetrics.errorKey(null, 600)).isEqualTo(SimStats.UNKNOWN_ERROR);

    SimMetrics m = new SimMetrics();
    m.error(null);
    m.error("");
    assertThat(m.snapshot().errorsByCode()).isEqualTo(Map.of("unknown", 2L));
  }

  @Test
  void distinct_label_values_are_bounded() {
    SimMetrics m = new SimMetrics();
    for (int i = 0; i < SimMetrics.MAX_ERROR_CODES + 50; i++) {
      m.error("code_" + i);
    }
    m.error("code_0"); // admitted before the limit: still its own key
    for (int i = 0; i < SimMetrics.MAX_TRANSPORTS + 5; i++) {
      m.connectionOpened("t" + i);
    }
    SimStats s = m.snapshot();

    assertThat(s.errorsByCode()).hasSize(SimMetrics.MAX_ERROR_CODES + 1);
    assertThat(s.errors("code_0")).isEqualTo(2);
    assertThat(s.errors(SimStats.OTHER)).isEqualTo(50);
    assertThat(s.turnsByTransport()).hasSize(SimMetrics.MAX_TRANSPORTS + 1);
    assertThat(s.connectionsOpened()).isEqualTo(SimMetrics.MAX_TRANSPORTS + 5);
    PrometheusText.parse(m.prometheusText());
  }

  @Test
  void bad_calls_are_rejected_and_record_nothing() {
    SimMetrics m = new SimMetrics();
    assertThatThrownBy(() -> m.connectionClosed("http"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("http");
    assertThatThrownBy(() -> m.turnFinished("http", "completed", MS, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("turnNanos");
    assertThatThrownBy(() -> m.turnFinished("http", "completed", -2, MS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("firstEventNanos");
    assertThatThrownBy(() -> m.turnFinished(null, "completed", MS, MS))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("transport");
    assertThatThrownBy(() -> m.turnFinished("http", null, MS, MS))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("outcome");
    assertThatThrownBy(() -> m.connectionOpened(null)).isInstanceOf(NullPointerException.class);

    assertThat(m.snapshot()).isEqualTo(new SimMetrics().snapshot());
  }

  @Test
  void json_has_snake_case_keys_and_the_snapshot_values() throws Exception {
    SimMetrics m = new SimMetrics();
    m.connectionOpened("websocket");
    m.turnFinished("websocket", "completed", 2 * MS, 30 * MS);
    m.turnFinished("http", "error", -1, 4 * MS);
    m.cacheHit();
    m.cacheMiss();
    m.rehydration();
    m.error("previous_response_not_found");
    m.error(null, 429);

    JsonNode json = new ObjectMapper().readTree(m.statsJson());
    SimStats s = m.snapshot();

    assertThat(fieldNames(json))
        .containsExactly(
            "connections_opened",
            "connections_active",
            "turns_by_transport",
            "turns_by_outcome",
            "cache_hits",
            "cache_misses",
            "rehydrations",
            "errors_by_code",
            "latencies");
    assertThat(json.get("connections_opened").asLong()).isEqualTo(1);
    assertThat(json.get("connections_active").asLong()).isEqualTo(1);
    assertThat(json.at("/turns_by_transport/websocket").asLong()).isEqualTo(1);
    assertThat(json.at("/turns_by_transport/http").asLong()).isEqualTo(1);
    assertThat(json.at("/turns_by_outcome/completed").asLong()).isEqualTo(1);
    assertThat(json.at("/turns_by_outcome/error").asLong()).isEqualTo(1);
    assertThat(json.get("cache_hits").asLong()).isEqualTo(1);
    assertThat(json.get("cache_misses").asLong()).isEqualTo(1);
    assertThat(json.get("rehydrations").asLong()).isEqualTo(1);
    assertThat(fieldNames(json.get("errors_by_code")))
        .containsExactly("http_429", "previous_response_not_found");
    assertThat(fieldNames(json.get("latencies")))
        .containsExactly(
            "http.first_event", "http.turn", "websocket.first_event", "websocket.turn");

    JsonNode wsTurn = json.get("latencies").get("websocket.turn");
    assertThat(fieldNames(wsTurn))
        .containsExactly("count", "sum_seconds", "p50_seconds", "p99_seconds", "max_seconds");
    LatencySummary expected = s.latency("websocket", "turn");
    assertThat(wsTurn.get("count").asLong()).isEqualTo(1);
    assertThat(wsTurn.get("sum_seconds").asDouble()).isEqualTo(0.030);
    assertThat(wsTurn.get("max_seconds").asDouble()).isEqualTo(0.030);
    assertThat(wsTurn.get("p50_seconds").asDouble()).isEqualTo(expected.p50Seconds());
    assertThat(wsTurn.get("p99_seconds").asDouble()).isEqualTo(expected.p99Seconds());
    assertThat(json.at("/latencies/http.first_event/count").asLong()).isZero();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void concurrent_updates_add_up_exactly() throws Exception {
    int threads = 4;
    int perThread = 100_000;
    SimMetrics m = new SimMetrics();
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String transport = t % 2 == 0 ? "http" : "websocket";
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    m.connectionOpened(transport);
                    long nanos = latencyNanos(i);
                    m.turnFinished(transport, i % 3 == 0 ? "failed" : "completed", nanos, nanos);
                    m.cacheHit();
                    if (i % 2 == 0) {
                      m.cacheMiss();
                    }
                    m.rehydration();
                    m.error("code_" + (i % 7));
                    m.connectionClosed(transport);
                  }
                  return null;
                }));
      }
      // A reader checks the Prometheus invariants while the writers run.
      Future<Integer> reader =
          pool.submit(
              () -> {
                start.await();
                int pages = 0;
                while (writing.get()) {
                  PrometheusText.parse(m.prometheusText());
                  m.statsJson();
                  pages++;
                }
                return pages;
              });
      start.countDown();
      for (Future<?> writer : writers) {
        writer.get(60, TimeUnit.SECONDS);
      }
      writing.set(false);
      assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    long total = (long) threads * perThread;
    long failedPerThread = (perThread + 2) / 3;
    SimStats s = m.snapshot();
    assertThat(s.connectionsOpened()).isEqualTo(total);
    assertThat(s.connectionsActive()).isZero();
    assertThat(s.turns("http")).isEqualTo(total / 2);
    assertThat(s.turns("websocket")).isEqualTo(total / 2);
    assertThat(s.turnsByOutcome().get("failed")).isEqualTo(threads * failedPerThread);
    assertThat(s.turnsByOutcome().get("completed")).isEqualTo(total - threads * failedPerThread);
    assertThat(s.cacheHits()).isEqualTo(total);
    assertThat(s.cacheMisses()).isEqualTo(total / 2);
    assertThat(s.rehydrations()).isEqualTo(total);
    assertThat(s.errorsByCode().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(total);
    assertThat(s.errors("code_0")).isEqualTo(threads * ((perThread + 6) / 7));
    assertThat(s.latency("http", "turn").count()).isEqualTo(total / 2);
    assertThat(s.latency("websocket", "first_event").count()).isEqualTo(total / 2);

    long sumNanos = 0;
    for (int i = 0; i < perThread; i++) {
      sumNanos += latencyNanos(i);
    }
    assertThat(s.latency("http", "turn").sumSeconds())
        .isCloseTo(threads / 2 * sumNanos / 1e9, within(1e-6));

    PrometheusText.Page page = PrometheusText.parse(m.prometheusText());
    String p = SimMetrics.METRIC_PREFIX;
    assertThat(page.value(p + "turn_seconds_count", "transport", "http")).isEqualTo(total / 2);
    assertThat(page.value(p + "turn_seconds_bucket", "transport", "http", "le", "+Inf"))
        .isEqualTo(total / 2);
    assertThat(page.value(p + "cache_hits_total")).isEqualTo(total);
  }

  /** 1 µs to 100 s, spread so that every bucket, +Inf included, is hit. */
  private static long latencyNanos(int i) {
    return 1_000L * (1 + (i * 7_919L) % 100_000_000L);
  }
}
