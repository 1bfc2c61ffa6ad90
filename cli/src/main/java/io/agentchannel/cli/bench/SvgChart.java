package io.agentchannel.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A line chart as inline SVG: numeric x (linear or log2), one polyline with point markers per
 * series, axes with ticks, a legend. No script, no external resource. Built once, then {@link
 * #svg()}; not thread-safe.
 */
final class SvgChart {

  private static final String[] COLORS = {
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"
  };
  private static final int WIDTH = 640;
  private static final int HEIGHT = 360;
  private static final int LEFT = 70;
  private static final int RIGHT = 150;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private final String id;
  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean logX;
  private final Map<String, List<double[]>> series = new LinkedHashMap<>();
  private final Map<String, Boolean> dashed = new LinkedHashMap<>();

  SvgChart(String id, String title, String xLabel, String yLabel, boolean logX) {
    this.id = id;
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.logX = logX;
  }

  SvgChart point(String name, double x, double y) {
    return point(name, x, y, false);
  }

  SvgChart point(String name, double x, double y, boolean dashedLine) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {x, y});
      dashed.put(name, dashedLine);
    }
    return this;
  }

  String svg() {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = 0;
    double maxY = -Double.MAX_VALUE;
    for (List<double[]> points : series.values()) {
      for (double[] p : points) {
        minX = Math.min(minX, tx(p[0]));
        maxX = Math.max(maxX, tx(p[0]));
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    if (series.isEmpty()) {
      minX = 0;
      maxX = 1;
      maxY = 1;
    }
    if (maxX == minX) {
      maxX = minX + 1;
    }
    if (maxY <= minY) {
      maxY = minY + 1;
    }
    maxY = maxY * 1.08;
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"chart\" id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
            id,
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            esc(title)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            LEFT,
            esc(title)));
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
            LEFT,
            TOP,
            plotW,
            plotH));
    for (int i = 0; i <= 5; i++) {
      double v = minY + (maxY - minY) * i / 5;
      double y = TOP + plotH - plotH * i / 5.0;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>%n",
              LEFT,
              LEFT + plotW,
              y,
              y,
              LEFT - 6,
              y + 4,
              TextTableOutput.fmt(Stats.round(v, 1))));
    }
    List<Double> xs = new ArrayList<>();
    series
        .values()
        .forEach(
            ps ->
                ps.forEach(
                    p -> {
                      if (!xs.contains(p[0])) {
                        xs.add(p[0]);
                      }
                    }));
    for (double x : xs) {
      double px = LEFT + plotW * (tx(x) - minX) / (maxX - minX);
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
              px,
              TOP + plotH + 16,
              TextTableOutput.fmt(x)));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>%n",
            LEFT + plotW / 2,
            HEIGHT - 10,
            esc(xLabel)));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"14\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\""
                + " transform=\"rotate(-90 14 %d)\">%s</text>%n",
            TOP + plotH / 2,
            TOP + plotH / 2,
            esc(yLabel)));
    // One colour per client across every chart (a predicted series shares its client's, dashed).
    Map<String, String> colours = new LinkedHashMap<>();
    int legendY = TOP + 10;
    for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
      String base = e.getKey().replace(" predicted", "");
      String c = colours.computeIfAbsent(base, k -> colourOf(k, colours.size()));
      String dash = dashed.get(e.getKey()) ? " stroke-dasharray=\"6 4\"" : "";
      StringBuilder points = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (double[] p : e.getValue()) {
        double px = LEFT + plotW * (tx(p[0]) - minX) / (maxX - minX);
        double py = TOP + plotH - plotH * (p[1] - minY) / (maxY - minY);
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
        marks.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s, %s</title>"
                    + "</circle>",
                px,
                py,
                c,
                esc(e.getKey()),
                TextTableOutput.fmt(p[0]),
                TextTableOutput.fmt(p[1])));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline class=\"series\" data-series=\"%s\" fill=\"none\" stroke=\"%s\""
                  + " stroke-width=\"2\"%s points=\"%s\"/>%s%n",
              esc(e.getKey()),
              c,
              dash,
              points.toString().trim(),
              marks));
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>"
                  + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>%n",
              WIDTH - RIGHT + 10,
              WIDTH - RIGHT + 30,
              legendY,
              legendY,
              c,
              dash,
              WIDTH - RIGHT + 34,
              legendY + 4,
              esc(e.getKey())));
      legendY += 16;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String colourOf(String client, int next) {
    List<String> known =
        List.of("http", "websocket", "vertx", "raw", "official-ws", "official-http");
    int i = known.indexOf(client);
    return COLORS[(i >= 0 ? i : known.size() + next) % COLORS.length];
  }

  private double tx(double x) {
    return logX ? Math.log(Math.max(x, 1e-9)) / Math.log(2) : x;
  }

  static String esc(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
