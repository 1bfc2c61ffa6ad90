package io.agentchannel.tck.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@code RULES.md} (shipped in the jar) by id, and the mapping from test method names
 * ({@code ac_3_2_terminal_event_is_last}) to rule ids ({@code AC-3.2}).
 */
public final class RuleCatalog {

  /** Where the spec sits on the class path. */
  public static final String RESOURCE = "io/agentchannel/tck/RULES.md";

  private static final Pattern HEADING = Pattern.compile("^### (AC-\\d+\\.\\d+) (.+)$");
  private static final Pattern METHOD = Pattern.compile("^ac_(\\d+)_(\\d+)_[a-z0-9_]+$");

  private RuleCatalog() {}

  /** A rule's id and title as RULES.md states them. */
  public record Rule(String id, String title) {}

  /** Every rule of RULES.md in document order. */
  public static Map<String, Rule> rules() {
    try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      Map<String, Rule> rules = new LinkedHashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        Matcher m = HEADING.matcher(line);
        if (m.matches()
            && rules.putIfAbsent(m.group(1), new Rule(m.group(1), m.group(2))) != null) {
          throw new IllegalStateException(RESOURCE + " states " + m.group(1) + " twice");
        }
      }
      return Collections.unmodifiableMap(rules);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rule id a test method verifies, if its name follows {@code ac_<area>_<n>_...}. */
  public static Optional<String> ruleOf(Method method) {
    return ruleOf(method.getName());
  }

  /** The rule id of a test method name. */
  public static Optional<String> ruleOf(String methodName) {
    Matcher m = METHOD.matcher(methodName);
    return m.matches() ? Optional.of("AC-" + m.group(1) + "." + m.group(2)) : Optional.empty();
  }

  /** The kit's own version. */
  public static String tckVersion() {
    try (InputStream in =
        RuleCatalog.class
            .getClassLoader()
            .getResourceAsStream("io/agentchannel/tck/tck.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
