package io.agentchannel.sim.internal.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict, regex-based reader of the Prometheus text exposition format 0.0.4, as far as {@link
 * SimMetrics} uses it. {@link #parse(String)} throws {@link AssertionError} naming the line on the
 * first violation: a line that is neither a {@code # HELP}, a {@code # TYPE} nor a sample {@code
 * name{labels} value}; a sample whose family has no HELP or TYPE before it; a family declared twice
 * or whose samples are not together; a duplicate series; a histogram whose buckets are not
 * cumulative, do not end in {@code le="+Inf"}, or whose {@code _count} differs from that bucket.
 */
final class PrometheusText {

  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String LABEL_NAME = "[a-zA-Z_][a-zA-Z0-9_]*";
  private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
  private static final String LABEL = LABEL_NAME + "=" + LABEL_VALUE;
  private static final String VALUE = "-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|[+-]Inf|NaN";

  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? (" + VALUE + ")");
  private static final Pattern ONE_LABEL =
      Pattern.compile("(" + LABEL_NAME + ")=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

  /** One sample line: metric name, unescaped labels in order, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** A parsed page: families' HELP text and TYPE, and the samples in order. */
  record Page(Map<String, String> help, Map<String, String> type, List<Sample> samples) {

    /** The value of the one sample with this name and these labels; fails when absent. */
    double value(String name, String... labelNamesAndValues) {
      Map<String, String> wanted = new LinkedHashMap<>();
      for (int i = 0; i < labelNamesAndValues.length; i += 2) {
        wanted.put(labelNamesAndValues[i], labelNamesAndValues[i + 1]);
      }
      return samples.stream()
          .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no sample " + name + wanted))
          .value();
    }

    List<Sample> samples(String name) {
      return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
  }

  private PrometheusText() {}

  static Page parse(String text) {
    check(text.endsWith("\n"), "the text does not end with a line feed");
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, String> type = new LinkedHashMap<>();
    List<Sample> samples = new ArrayList<>();
    Set<String> series = new HashSet<>();
    Set<String> finishedFamilies = new HashSet<>();
    String currentFamily = null;

    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " '" + line + "'";
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        check(help.put(m.group(1), m.group(2)) == null, where + ": second HELP");
        currentFamily = switchFamily(currentFamily, m.group(1), finishedFamilies, where);
      } else if ((m = TYPE.matcher(line)).matches()) {
        check(type.put(m.group(1), m.group(2)) == null, where + ": second TYPE");
        currentFamily = switchFamily(currentFamily, m.group(1), finishedFamilies, where);
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        String family = familyOf(name, type);
        check(help.containsKey(family), where + ": family " + family + " has no HELP before it");
        check(type.containsKey(family), where + ": family " + family + " has no TYPE before it");
        check(family.equals(currentFamily), where + ": sample outside its family's block");
        Map<String, String> labels = labels(m.group(2));
        check(series.add(name + labels), where + ": duplicate series");
        samples.add(new Sample(name, labels, parseValue(m.group(3))));
      } else {
        throw new AssertionError(where + ": neither HELP, TYPE nor a sample line");
      }
    }
    Page page = new Page(help, type, samples);
    type.forEach(
        (family, kind) -> {
          if (kind.equals("histogram")) {
            checkHistogram(page, family);
          }
        });
    return page;
  }

  private static String switchFamily(
      String current, String next, Set<String> finished, String where) {
    if (next.equals(current)) {
      return current;
    }
    if (current != null) {
      finished.add(current);
    }
    check(!finished.contains(next), where + ": family " + next + " declared again");
    return next;
  }

  /** The family a sample belongs to: histogram samples drop _bucket, _sum or _count. */
  private static String familyOf(String name, Map<String, String> type) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if ("histogram".equals(type.get(base))) {
          return base;
        }
      }
    }
    return name;
  }

  private static Map<String, String> labels(String braces) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (braces == null) {
      return labels;
    }
    Matcher m = ONE_LABEL.matcher(braces);
    while (m.find()) {
      check(labels.put(m.group(1), unescape(m.group(2))) == null, "label repeated in " + braces);
    }
    return labels;
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\') {
        char next = escaped.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(value);
    };
  }

  private static void checkHistogram(Page page, String family) {
    // Series of the histogram, keyed by their labels without le.
    Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
    Map<Map<String, String>, Double> counts = new HashMap<>();
    Set<Map<String, String>> sums = new HashSet<>();
    for (Sample s : page.samples()) {
      Map<String, String> labels = new TreeMap<>(s.labels());
      if (s.name().equals(family + "_bucket")) {
        String le = labels.remove("le");
        check(le != null, family + "_bucket" + s.labels() + " has no le label");
        buckets.computeIfAbsent(labels, k -> new ArrayList<>()).add(s);
      } else if (s.name().equals(family + "_count")) {
        counts.put(labels, s.value());
      } else if (s.name().equals(family + "_sum")) {
        check(s.value() >= 0, family + "_sum" + labels + " is negative");
        sums.add(labels);
      } else {
        check(!s.name().equals(family), family + " has a bare sample");
      }
    }
    check(buckets.keySet().equals(counts.keySet()), family + ": series with buckets but no _count");
    check(buckets.keySet().equals(sums), family + ": series with buckets but no _sum");
    buckets.forEach(
        (labels, series) -> {
          double previousLe = Double.NEGATIVE_INFINITY;
          double previousCount = 0;
          for (Sample bucket : series) {
            double le = parseValue(bucket.labels().get("le"));
            check(le > previousLe, family + labels + ": le not increasing at " + le);
            check(
                bucket.value() >= previousCount,
                family + labels + ": bucket count decreases at le=" + le);
            previousLe = le;
            previousCount = bucket.value();
          }
          check(
              previousLe == Double.POSITIVE_INFINITY, family + labels + ": no le=\"+Inf\" bucket");
          check(
              previousCount == counts.get(labels),
              family
                  + labels
                  + ": _count "
                  + counts.get(labels)
                  + " != +Inf bucket "
                  + previousCount);
        });
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }
}
