package io.agentchannel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, and charts that draw one polyline per series. */
class StatsAndChartTest {

  @Test
  void nearestRankPercentiles() {
    long[] v = {50, 10, 40, 20, 30};
    assertThat(Stats.percentile(v, 5, 50)).isEqualTo(30);
    assertThat(Stats.percentile(v, 5, 95)).isEqualTo(50);
    assertThat(Stats.percentile(v, 5, 20)).isEqualTo(10);
    assertThat(Stats.percentile(v, 0, 50)).isNaN();
  }

  @Test
  void aChartHasAPolylinePerSeriesAndEscapesNames() {
    String svg =
        new SvgChart("c", "t<1>", "x", "y", true)
            .point("a&b", 1, 10)
            .point("a&b", 4, 20)
            .point("c", 1, 5)
            .svg();
    assertThat(svg).contains("data-series=\"a&amp;b\"").contains("data-series=\"c\"");
    assertThat(svg.split("<polyline", -1)).hasSize(3);
    assertThat(svg).contains("t&lt;1&gt;").doesNotContain("NaN");
  }
}
