package io.agentchannel.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no network needed) with the
 * run's settings, three charts (latency against N per transport with the predicted lower bound,
 * throughput against concurrency, overhead against the lower bound) and the tables. A small inline
 * script records each chart's rendered size in {@code data-*} attributes, so that a headless
 * browser can check that the charts really drew. Stateless.
 */
public final class HtmlReport {

  private HtmlReport() {}

  /** Writes the report of {@code r} to {@code file}. */
  public static void write(BenchResults r, Path file) throws IOException {
    Files.writeString(file, render(r), StandardCharsets.UTF_8);
  }

  static String render(BenchResults r) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>agentchannel bench ")
        .append(SvgChart.esc(r.date()))
        .append("</title>\n")
        .append("<style>body{font-family:sans-serif;margin:2em;max-width:1000px}")
        .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;")
        .append("padding:3px 8px;text-align:right}th{background:#f4f4f4}")
        .append(".met{color:#2a7a2a}.missed{color:#b22}svg.chart{display:block;margin:1em 0}")
        .append("</style></head><body>\n");
    BenchResults.Machine m = r.machine();
    h.append("<h1>agentchannel bench</h1>\n<p>")
        .append(SvgChart.esc(r.date()))
        .append(" &middot; ")
        .append(m.cores())
        .append(" cores")
        .append(" &middot; JDK ")
        .append(SvgChart.esc(m.jdk()))
        .append(" (")
        .append(SvgChart.esc(m.jvm()))
        .append(") &middot; ")
        .append(SvgChart.esc(m.os()))
        .append(' ')
        .append(SvgChart.esc(m.arch()))
        .append(" &middot; max heap ")
        .append(m.maxHeapMb())
        .append(" MB<br>command: <code>")
        .append(SvgChart.esc(r.command()))
        .append("</code> &middot; rollout driver: ")
        .append(SvgChart.esc(r.driver()))
        .append("</p>\n");

    BenchResults.Latency l = r.latency();
    h.append("<h2>Latency</h2>\n<p>Tool-loop rollouts of N calls; cost profile <b>")
        .append(SvgChart.esc(l.costProfile()))
        .append("</b> ")
        .append(SvgChart.esc(l.costTerms().toString()))
        .append("; network rtt ")
        .append(TextTableOutput.fmt(l.roundTripMs()))
        .append(" ms, TLS ")
        .append(l.tls() ? "on" : "off")
        .append("; ")
        .append(l.rollouts())
        .append(" rollouts per cell, each on its own channel. Predicted: the cost model's lower")
        .append(" bound (server terms at mean jitter, plus network round trips).</p>\n");
    SvgChart latency =
        new SvgChart("chart-latency", "Rollout time (p50) against N", "tool calls N", "ms", false);
    SvgChart overhead =
        new SvgChart(
            "chart-overhead",
            "Overhead against the lower bound (p50 - predicted)",
            "tool calls N",
            "% of end-to-end time",
            false);
    for (BenchResults.LatencyRow row : l.rows()) {
      latency.point(row.transport(), row.toolCalls(), row.p50Ms());
      latency.point(row.transport() + " predicted", row.toolCalls(), row.predictedMs(), true);
      overhead.point(row.transport(), row.toolCalls(), row.overheadPercent());
    }
    h.append(latency.svg()).append(overhead.svg());
    h.append("<table><tr><th>transport</th><th>N</th><th>p50 ms</th><th>p95 ms</th>")
        .append("<th>predicted ms</th><th>overhead ms</th><th>overhead %</th>")
        .append("<th>vs http %</th><th>predicted vs http %</th></tr>\n");
    for (BenchResults.LatencyRow row : l.rows()) {
      h.append("<tr><td>")
          .append(SvgChart.esc(row.transport()))
          .append("</td>")
          .append(td(row.toolCalls()))
          .append(td(row.p50Ms()))
          .append(td(row.p95Ms()))
          .append(td(row.predictedMs()))
          .append(td(row.overheadMs()))
          .append(td(row.overheadPercent()))
          .append(
              td(row.reductionVsHttpPercent() == null ? Double.NaN : -row.reductionVsHttpPercent()))
          .append(
              td(
                  row.predictedReductionVsHttpPercent() == null
                      ? Double.NaN
                      : -row.predictedReductionVsHttpPercent()))
          .append("</tr>\n");
    }
    h.append("</table>\n");

    BenchResults.Throughput t = r.throughput();
    h.append("<h2>Throughput</h2>\n<p>Cost profile <b>")
        .append(SvgChart.esc(t.costProfile()))
        .append("</b>, ")
        .append(t.answerTokens())
        .append(" streamed text deltas per turn, ")
        .append("warm-up ")
        .append(TextTableOutput.fmt(t.warmupSeconds()))
        .append(" s, measured ")
        .append(TextTableOutput.fmt(t.measureSeconds()))
        .append(" s per cell. CPU: ")
        .append(SvgChart.esc(t.cpuNote()))
        .append(".</p>\n");
    SvgChart throughput =
        new SvgChart(
            "chart-throughput",
            "Turns per second against concurrency",
            "sessions",
            "turns/s",
            true);
    for (BenchResults.ThroughputRow row : t.rows()) {
      throughput.point(row.client(), row.concurrency(), row.turnsPerSecond());
    }
    h.append(throughput.svg());
    h.append("<table><tr><th>client</th><th>sessions</th><th>turns</th><th>turns/s</th>")
        .append("<th>deltas/s</th><th>p50 ms</th><th>p99 ms</th><th>CPU ms/turn</th>")
        .append("<th>errors</th></tr>\n");
    for (BenchResults.ThroughputRow row : t.rows()) {
      h.append("<tr><td>")
          .append(SvgChart.esc(row.client()))
          .append("</td>")
          .append(td(row.concurrency()))
          .append(td(row.turns()))
          .append(td(row.turnsPerSecond()))
          .append(td(row.deltasPerSecond()))
          .append(td(row.p50Ms()))
          .append(td(row.p99Ms()))
          .append(td(row.cpuMsPerTurn()))
          .append(td(row.errors()))
          .append("</tr>\n");
    }
    h.append("</table>\n<h2>Peers</h2>\n<ul>");
    r.peers().forEach(p -> h.append("<li>").append(SvgChart.esc(p)).append("</li>"));
    h.append("</ul>\n<h2>Goals</h2>\n<table><tr><th>goal</th><th>target</th><th>measured</th>")
        .append("<th>verdict</th></tr>\n");
    for (BenchResults.Goal g : r.goals()) {
      h.append("<tr><td style=\"text-align:left\">")
          .append(SvgChart.esc(g.name()))
          .append("</td><td>")
          .append(SvgChart.esc(g.target()))
          .append("</td><td>")
          .append(SvgChart.esc(g.measured()))
          .append("</td><td class=\"")
          .append(g.verdict().replace(' ', '-'))
          .append("\">")
          .append(SvgChart.esc(g.verdict()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    // Records what the browser actually drew, for the headless-browser test.
    h.append("<script>(function(){var charts=document.querySelectorAll('svg.chart');")
        .append("var drawn=0;charts.forEach(function(c){var b=c.getBBox();")
        .append("var lines=c.querySelectorAll('polyline.series');var lb=0;")
        .append("lines.forEach(function(p){var q=p.getBBox();if(q.width>0)lb++;});")
        .append("c.setAttribute('data-rendered-width',Math.round(b.width));")
        .append("c.setAttribute('data-rendered-height',Math.round(b.height));")
        .append("c.setAttribute('data-rendered-series',lb);")
        .append("if(b.width>0&&b.height>0&&lb>0)drawn++;});")
        .append("document.body.setAttribute('data-charts-drawn',drawn);})();</script>\n");
    h.append("</body></html>\n");
    return h.toString();
  }

  private static String td(double v) {
    return "<td>" + TextTableOutput.fmt(v) + "</td>";
  }
}
