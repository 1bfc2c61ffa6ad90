package io.agentchannel.tck.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one run's report: {@code <dir>/<name>.json} and {@code <dir>/<name>.md}, rule by rule with
 * the outcome and its reason, plus the transport, the kit's version, the JDK and the date.
 */
public final class ReportWriter {

  /** The system property that moves the report; {@code target/agentchannel-tck} by default. */
  public static final String DIRECTORY_PROPERTY = "agentchannel.tck.report-dir";

  private ReportWriter() {}

  /** The outcome of one rule. */
  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** One rule's outcome; {@code reason} is empty when it passed. */
  public record Outcome(String rule, String method, Status status, String reason) {}

  /** The header of a report. */
  public record Run(
      String name, String transportId, String transportVersion, String capabilities) {}

  /** The one-line summary the build prints. */
  public static String summary(Run run, List<Outcome> outcomes) {
    return "AgentChannel TCK "
        + RuleCatalog.tckVersion()
        + ": transport "
        + run.transportId()
        + " "
        + run.transportVersion()
        + (run.name().equals(run.transportId()) ? "" : " (" + run.name() + ")")
        + ": "
        + count(outcomes, Status.PASSED)
        + " passed, "
        + count(outcomes, Status.FAILED)
        + " failed, "
        + count(outcomes, Status.SKIPPED)
        + " skipped";
  }

  private static long count(List<Outcome> outcomes, Status status) {
    return outcomes.stream().filter(o -> o.status() == status).count();
  }

  /** Writes both files and returns the JSON file. */
  public static Path write(Run run, List<Outcome> outcomes) {
    Path dir = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/agentchannel-tck"));
    Map<String, RuleCatalog.Rule> rules = RuleCatalog.rules();
    List<Outcome> sorted = new ArrayList<>(outcomes);
    List<String> order = new ArrayList<>(rules.keySet());
    sorted.sort(
        (a, b) -> {
          int ia = order.indexOf(a.rule());
          int ib = order.indexOf(b.rule());
          return Integer.compare(ia < 0 ? Integer.MAX_VALUE : ia, ib < 0 ? Integer.MAX_VALUE : ib);
        });
    String date = Instant.now().toString();
    String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version");
    try {
      Files.createDirectories(dir);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("tck_version", RuleCatalog.tckVersion());
      json.put("transport_id", run.transportId());
      json.put("transport_version", run.transportVersion());
      json.put("run", run.name());
      json.put("capabilities", run.capabilities());
      json.put("jdk", jdk);
      json.put("date", date);
      json.put("summary", summary(run, sorted));
      List<Map<String, String>> list = new ArrayList<>();
      for (Outcome o : sorted) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("rule", o.rule());
        RuleCatalog.Rule rule = rules.get(o.rule());
        entry.put("title", rule == null ? "" : rule.title());
        entry.put("test", o.method());
        entry.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT));
        entry.put("reason", o.reason());
        list.add(entry);
      }
      json.put("rules", list);
      Path jsonFile = dir.resolve(run.name() + ".json");
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(jsonFile.toFile(), json);

      StringBuilder md = new StringBuilder();
      md.append("# AgentChannel TCK report: ").append(run.name()).append("\n\n");
      md.append("| | |\n|---|---|\n");
      md.append("| TCK version | ").append(RuleCatalog.tckVersion()).append(" |\n");
      md.append("| transport | ")
          .append(run.transportId())
          .append(' ')
          .append(run.transportVersion())
          .append(" |\n");
      md.append("| capabilities | ").append(run.capabilities()).append(" |\n");
      md.append("| JDK | ").append(jdk).append(" |\n");
      md.append("| date | ").append(date).append(" |\n\n");
      md.append("**").append(summary(run, sorted)).append("**\n\n");
      md.append("| rule | title | outcome | reason |\n|---|---|---|---|\n");
      for (Outcome o : sorted) {
        RuleCatalog.Rule rule = rules.get(o.rule());
        md.append("| ")
            .append(o.rule())
            .append(" | ")
            .append(rule == null ? o.method() : cell(rule.title()))
            .append(" | ")
            .append(o.status().name().toLowerCase(java.util.Locale.ROOT))
            .append(" | ")
            .append(cell(o.reason()))
            .append(" |\n");
      }
      Files.writeString(dir.resolve(run.name() + ".md"), md, StandardCharsets.UTF_8);
      return jsonFile;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the TCK report under " + dir, e);
    }
  }

  private static String cell(String text) {
    String oneLine = text == null ? "" : text.replace('\n', ' ').replace("|", "\\|");
    return oneLine.length() > 300 ? oneLine.substring(0, 297) + "..." : oneLine;
  }
}
