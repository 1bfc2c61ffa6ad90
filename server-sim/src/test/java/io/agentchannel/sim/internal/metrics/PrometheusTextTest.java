package io.agentchannel.sim.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.internal.metrics.PrometheusText.Page;
import io.agentchannel.sim.internal.metrics.PrometheusText.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final String P = SimMetrics.METRIC_PREFIX;
  private static final long MS = 1_000_000L;

  private static SimMetrics busyMetrics() {
    SimMetrics m = new SimMetrics();
    m.connectionOpened("http");
    m.connectionOpened("websocket");
    m.connectionOpened("websocket");
    m.connectionClosed("websocket");
    m.turnFinished("http", "completed", 3 * MS, 40 * MS);
    m.turnFinished("http", "error", -1, MS / 2);
    m.turnFinished("websocket", "completed", MS, 700 * MS);
    m.turnFinished("websocket", "incomplete", 2 * MS, 90_000 * MS); // beyond 60 s: +Inf
    m.cacheHit();
    m.cacheHit();
    m.cacheMiss();
    m.rehydration();
    m.error("previous_response_not_found");
    m.error(null, 429);
    return m;
  }

  @Test
  void every_line_is_valid_and_every_family_is_declared() {
    Page page = PrometheusText.parse(busyMetrics().prometheusText());

    assertThat(page.type())
        .containsOnlyKeys(
            P + "connections_opened_total",
            P + "connections_active",
            P + "turns_total",
            P + "cache_hits_total",
            P + "cache_misses_total",
            P + "rehydrations_total",
            P + "errors_total",
            P + "first_event_seconds",
            P + "turn_seconds");
    assertThat(page.help()).containsOnlyKeys(page.type().keySet());
    assertThat(page.help().values()).allSatisfy(help -> assertThat(help).isNotBlank());
    assertThat(page.type())
        .containsEntry(P + "connections_active", "gauge")
        .containsEntry(P + "turns_total", "counter")
        .containsEntry(P + "turn_seconds", "histogram");
  }

  @Test
  void samples_carry_the_recorded_values() {
    Page page = PrometheusText.parse(busyMetrics().prometheusText());

    assertThat(page.value(P + "connections_opened_total", "transport", "websocket")).isEqualTo(2);
    assertThat(page.value(P + "connections_active", "transport", "websocket")).isEqualTo(1);
    assertThat(page.value(P + "connections_active", "transport", "http")).isEqualTo(1);
    assertThat(page.value(P + "turns_total", "transport", "http", "outcome", "error")).isEqualTo(1);
    assertThat(page.value(P + "turns_total", "transport", "http", "outcome", "cancelled")).isZero();
    assertThat(page.value(P + "cache_hits_total")).isEqualTo(2);
    assertThat(page.value(P + "cache_misses_total")).isEqualTo(1);
    assertThat(page.value(P + "rehydrations_total")).isEqualTo(1);
    assertThat(page.value(P + "errors_total", "code", "previous_response_not_found")).isEqualTo(1);
    assertThat(page.value(P + "errors_total", "code", "http_429")).isEqualTo(1);

    assertThat(page.value(P + "turn_seconds_count", "transport", "websocket")).isEqualTo(2);
    assertThat(page.value(P + "turn_seconds_sum", "transport", "websocket")).isEqualTo(90.7);
    assertThat(page.value(P + "turn_seconds_bucket", "transport", "websocket", "le", "60"))
        .isEqualTo(1);
    assertThat(page.value(P + "turn_seconds_bucket", "transport", "websocket", "le", "+Inf"))
        .isEqualTo(2);
    // The http turn without an event is not in the first-event histogram.
    assertThat(page.value(P + "first_event_seconds_count", "transport", "http")).isEqualTo(1);
    assertThat(page.value(P + "first_event_seconds_bucket", "transport", "http", "le", "0.0025"))
        .isZero();
    assertThat(page.value(P + "first_event_seconds_bucket", "transport", "http", "le", "0.005"))
        .isEqualTo(1);
    assertThat(page.samples(P + "turn_seconds_bucket"))
        .hasSize(2 * (LatencyHistogram.DEFAULT_BOUNDS_SECONDS.size() + 1));
  }

  @Test
  void fresh_metrics_already_have_the_known_series_at_zero() {
    Page page = PrometheusText.parse(new SimMetrics().prometheusText());

    assertThat(page.samples(P + "turns_total")).hasSize(2 * 5).allMatch(s -> s.value() == 0);
    assertThat(page.samples(P + "connections_active")).hasSize(2);
    assertThat(page.samples(P + "errors_total")).isEmpty();
    assertThat(page.value(P + "turn_seconds_count", "transport", "http")).isZero();
    assertThat(page.value(P + "turn_seconds_sum", "transport", "http")).isZero();
  }

  @Test
  void samples_are_sorted_by_label_values() {
    SimMetrics m = new SimMetrics();
    m.error("zeta");
    m.error("alpha");
    m.error("mid");
    Page page = PrometheusText.parse(m.prometheusText());

    assertThat(page.samples(P + "errors_total"))
        .extracting(s -> s.labels().get("code"))
        .containsExactly("alpha", "mid", "zeta");
    assertThat(page.samples(P + "connections_opened_total"))
        .extracting(s -> s.labels().get("transport"))
        .containsExactly("http", "websocket");
  }

  @Test
  void label_values_are_escaped_and_read_back_unchanged() {
    String nasty = "a\"quoted\" back\\slash\nnew line {x=\"y\"} é";
    SimMetrics m = new SimMetrics();
    m.error(nasty);
    m.connectionOpened(nasty);
    m.turnFinished(nasty, "com,pleted", MS, MS);
    String text = m.prometheusText();

    assertThat(text)
        .contains(
            P
                + "errors_total{code=\"a\\\"quoted\\\" back\\\\slash\\nnew line {x=\\\"y\\\"} é\"}"
                + " 1\n");
    Page page = PrometheusText.parse(text);
    assertThat(page.value(P + "errors_total", "code", nasty)).isEqualTo(1);
    assertThat(page.value(P + "connections_active", "transport", nasty)).isEqualTo(1);
    assertThat(page.value(P + "turns_total", "transport", nasty, "outcome", "com,pleted"))
        .isEqualTo(1);
    assertThat(page.value(P + "turn_seconds_count", "transport", nasty)).isEqualTo(1);
  }

  @Test
  void labels_escape_backslash_quote_and_line_feed_only() {
    assertThat(SimMetrics.labels("code", "plain")).isEqualTo("{code=\"plain\"}");
    assertThat(SimMetrics.labels("code", "\\")).isEqualTo("{code=\"\\\\\"}");
    assertThat(SimMetrics.labels("code", "\"")).isEqualTo("{code=\"\\\"\"}");
    assertThat(SimMetrics.labels("code", "\n")).isEqualTo("{code=\"\\n\"}");
    assertThat(SimMetrics.labels("a", "1", "b", "\t")).isEqualTo("{a=\"1\",b=\"\t\"}");

    StringBuilder help = new StringBuilder();
    SimMetrics.appendEscaped(help, "say \"hi\"\\\n", false);
    assertThat(help).hasToString("say \"hi\"\\\\\\n");
  }

  @Test
  void the_validator_rejects_broken_pages() {
    String head = "# HELP x_total X.\n# TYPE x_total counter\n";
    assertThat(PrometheusText.parse(head + "x_total 1\n").samples())
        .containsExactly(new Sample("x_total", java.util.Map.of(), 1));

    assertThatThrownBy(() -> PrometheusText.parse(head + "x_total 1"))
        .hasMessageContaining("line feed");
    assertThatThrownBy(() -> PrometheusText.parse("x_total 1\n")).hasMessageContaining("no HELP");
    assertThatThrownBy(() -> PrometheusText.parse("# HELP x_total X.\nx_total 1\n"))
        .hasMessageContaining("no TYPE");
    assertThatThrownBy(() -> PrometheusText.parse(head + "x_total{a=\"b\"c\"} 1\n"))
        .hasMessageContaining("neither");
    assertThatThrownBy(() -> PrometheusText.parse(head + "x_total{a=\"\n\"} 1\n"))
        .hasMessageContaining("neither");
    assertThatThrownBy(() -> PrometheusText.parse(head + "x_total one\n"))
        .hasMessageContaining("neither");
    assertThatThrownBy(() -> PrometheusText.parse(head + "x_total 1\nx_total 2\n"))
        .hasMessageContaining("duplicate");

    String histogram = "# HELP h H.\n# TYPE h histogram\n";
    String good = histogram + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n";
    assertThat(PrometheusText.parse(good).samples()).hasSize(4);
    for (String bad :
        List.of(
            histogram + "h_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 3\nh_count 1\n",
            histogram + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 3\n",
            histogram + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"2\"} 2\nh_sum 3\nh_count 2\n",
            histogram + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_count 2\n")) {
      assertThatThrownBy(() -> PrometheusText.parse(bad)).isInstanceOf(AssertionError.class);
    }
  }
}
