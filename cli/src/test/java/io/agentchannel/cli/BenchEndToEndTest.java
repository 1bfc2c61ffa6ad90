package io.agentchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.cli.bench.BenchRunner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agentchannel bench --quick} end to end against the embedded simulator, once for the class:
 * the table on stdout, {@code results.json} in its schema with a row per transport and setting, and
 * {@code report.html} whose charts a real headless Chromium draws.
 */
class BenchEndToEndTest {

  @TempDir static Path output;
  private static CliRun run;
  private static Path directory;
  private static JsonNode results;

  @BeforeAll
  static void runQuickBench() throws Exception {
    run = CliRun.of("bench", "--quick", "--output", output.toString());
    assertThat(run.code()).as(run.err()).isZero();
    try (var dirs = Files.list(output)) {
      directory = dirs.findFirst().orElseThrow();
    }
    results = new ObjectMapper().readTree(directory.resolve("results.json").toFile());
  }

  @Test
  void printsTheTablesAndWhereTheFilesAre() {
    assertThat(run.out())
        .contains("Latency: tool-loop rollouts")
        .contains("Throughput:")
        .contains("Goals:")
        .contains("results: " + directory.resolve("results.json"))
        .contains("report:  " + directory.resolve("report.html"));
    // Not a terminal here: plain progress lines on stderr, no carriage returns.
    assertThat(run.err()).contains("bench [1/").doesNotContain("\r");
  }

  @Test
  void resultsJsonFollowsTheSchema() {
    assertThat(results.path("schema").asText()).isEqualTo("agentchannel-bench/1");
    keys(
        results,
        "schema",
        "date",
        "command",
        "machine",
        "driver",
        "latency",
        "throughput",
        "peers",
        "goals");
    keys(results.get("machine"), "cores", "jdk", "jvm", "os", "arch", "maxHeapMb");
    assertThat(results.at("/machine/cores").asInt()).isPositive();
    keys(
        results.get("latency"),
        "costProfile",
        "costTerms",
        "roundTripMs",
        "tls",
        "rollouts",
        "toolCalls",
        "rows");
    keys(
        results.get("latency").get("costTerms"),
        "httpRequestOverheadMs",
        "webSocketTurnOverheadMs",
        "rehydrationPerResponseMs",
        "inputTokenCostMs",
        "timeToFirstTokenMs",
        "interTokenGapMs",
        "jitter");
    keys(
        results.get("throughput"),
        "costProfile",
        "answerTokens",
        "warmupSeconds",
        "measureSeconds",
        "concurrency",
        "cpuNote",
        "rows");

    Set<String> transports = BenchRunner.providers().keySet();
    JsonNode latencyRows = results.at("/latency/rows");
    assertThat(latencyRows.size()).isEqualTo(transports.size() * 2);
    for (JsonNode row : latencyRows) {
      keys(
          row,
          "transport",
          "toolCalls",
          "rollouts",
          "p50Ms",
          "p95Ms",
          "predictedMs",
          "overheadMs",
          "overheadPercent",
          "reductionVsHttpPercent",
          "predictedReductionVsHttpPercent");
      assertThat(transports).contains(row.get("transport").asText());
      assertThat(row.get("p50Ms").asDouble()).isPositive();
      assertThat(row.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(row.get("p50Ms").asDouble());
      // The model is a lower bound: no rollout beats it.
      assertThat(row.get("p50Ms").asDouble()).isGreaterThan(row.get("predictedMs").asDouble());
      assertThat(row.get("reductionVsHttpPercent").isNull())
          .isEqualTo(row.get("transport").asText().equals("http"));
    }
    JsonNode throughputRows = results.at("/throughput/rows");
    assertThat(throughputRows.size()).isEqualTo((transports.size() + 1) * 2);
    Set<String> clients = new TreeSet<>();
    for (JsonNode row : throughputRows) {
      keys(
          row,
          "client",
          "concurrency",
          "turns",
          "errors",
          "turnsPerSecond",
          "deltasPerSecond",
          "p50Ms",
          "p99Ms",
          "cpuMsPerTurn");
      clients.add(row.get("client").asText());
      assertThat(row.get("turns").asLong()).as(row.toString()).isPositive();
      assertThat(row.get("errors").asLong()).as(row.toString()).isZero();
      // Every turn streams the configured text deltas.
      assertThat(row.get("deltasPerSecond").asDouble())
          .isCloseTo(
              row.get("turnsPerSecond").asDouble() * results.at("/throughput/answerTokens").asInt(),
              org.assertj.core.data.Percentage.withPercentage(1));
    }
    assertThat(clients).contains("raw").containsAll(transports);
    for (JsonNode goal : results.get("goals")) {
      keys(goal, "name", "target", "measured", "verdict");
      assertThat(goal.get("verdict").asText()).isIn("met", "missed", "not measured", "reported");
    }
  }

  @Test
  void reportIsSelfContained() throws Exception {
    String html = Files.readString(directory.resolve("report.html"));
    assertThat(html).contains("<svg class=\"chart\" id=\"chart-latency\"");
    assertThat(html).contains("id=\"chart-throughput\"").contains("id=\"chart-overhead\"");
    // Nothing fetched: no external script, stylesheet or image.
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
  }

  @Test
  void reportRendersItsChartsInHeadlessChromium() throws Exception {
    Path chromium = chromium();
    if (chromium == null) {
      if (System.getenv("CI") != null) {
        fail("Chromium is required under CI (.ci/run installs the Debian package 'chromium')");
      }
      Assumptions.abort("Chromium is not installed: apt-get install chromium to run this test");
    }
    Path profile = Files.createTempDirectory("chromium-profile");
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile,
                "--dump-dom",
                directory.resolve("report.html").toUri().toString()));
    Path dom = Files.createTempFile("report", ".dom.html");
    Process browser =
        new ProcessBuilder(command)
            .redirectOutput(dom.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!browser.waitFor(90, TimeUnit.SECONDS)) {
      browser.destroyForcibly();
      fail("Chromium did not finish within 90 s");
    }
    String rendered = Files.readString(dom);
    assertThat(rendered).as("the page's script ran").contains("data-charts-drawn=\"3\"");
    Matcher chart =
        Pattern.compile(
                "<svg class=\"chart\" id=\"([a-z-]+)\"[^>]*data-rendered-width=\"(\\d+)\""
                    + " data-rendered-height=\"(\\d+)\" data-rendered-series=\"(\\d+)\"")
            .matcher(rendered);
    List<String> seen = new ArrayList<>();
    while (chart.find()) {
      seen.add(chart.group(1));
      assertThat(Integer.parseInt(chart.group(2))).as(chart.group(1) + " width").isPositive();
      assertThat(Integer.parseInt(chart.group(3))).as(chart.group(1) + " height").isPositive();
      assertThat(Integer.parseInt(chart.group(4))).as(chart.group(1) + " series").isPositive();
    }
    assertThat(seen).containsExactly("chart-latency", "chart-overhead", "chart-throughput");
  }

  private static Path chromium() {
    for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
      if (new File(candidate).canExecute()) {
        return Path.of(candidate);
      }
    }
    return null;
  }

  private static void keys(JsonNode node, String... expected) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    assertThat(names).as(node.toString()).containsExactlyInAnyOrder(expected);
  }
}
