package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.tck.internal.RuleCatalog;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RULES.md and the kit's test methods agree: every rule has exactly one test and vice versa. */
class RulesAgreementTest {

  /** Every {@code @Test} method of the kit, by rule id. */
  private static Map<String, List<String>> testsByRule() {
    Map<String, List<String>> byRule = new HashMap<>();
    for (Class<?> c = TransportCompatibilityKit.class; c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.isAnnotationPresent(Test.class) && !m.isBridge() && !m.isSynthetic()) {
          String rule =
              RuleCatalog.ruleOf(m)
                  .orElseThrow(
                      () ->
                          new AssertionError(m + " is a test but not named ac_<area>_<n>_<what>"));
          byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(m.getName());
          assertThat(Modifier.isPublic(m.getModifiers()))
              .as("%s must be public, so a transport's kit class can override it to disable it", m)
              .isTrue();
        }
      }
    }
    return byRule;
  }

  @Test
  void every_rule_has_exactly_one_test_and_every_test_a_rule() {
    Map<String, List<String>> tests = testsByRule();
    assertThat(tests.keySet())
        .as("rule ids of the test methods against RULES.md")
        .containsExactlyInAnyOrderElementsOf(RuleCatalog.rules().keySet());
    tests.forEach((rule, methods) -> assertThat(methods).as("tests of %s", rule).hasSize(1));
  }

  @Test
  void every_rule_states_must_why_capability_and_where_to_look() throws IOException {
    String spec = Files.readString(Path.of("RULES.md"));
    String[] sections = spec.split("\n### ");
    assertThat(sections.length - 1).isEqualTo(RuleCatalog.rules().size());
    for (int i = 1; i < sections.length; i++) {
      String section = sections[i];
      String id = section.substring(0, section.indexOf(' '));
      assertThat(section)
          .as("%s in RULES.md", id)
          .containsPattern("\\*\\*MUST( NOT)?:\\*\\*")
          .contains("**Why:**")
          .contains("**Capability:**")
          .contains("**If this fails, check:**");
    }
  }

  @Test
  void a_capability_named_in_rules_md_is_the_one_the_test_requires() throws IOException {
    String spec = Files.readString(Path.of("RULES.md"));
    Pattern rule =
        Pattern.compile(
            "### (AC-\\d+\\.\\d+)[^\\n]*\\n(?:(?!### ).*\\n)*?- \\*\\*Capability:\\*\\* ([^\\n]+)");
    Matcher m = rule.matcher(spec);
    Map<String, String> declared = new HashMap<>();
    while (m.find()) {
      declared.put(m.group(1), m.group(2));
    }
    assertThat(declared).hasSameSizeAs(RuleCatalog.rules());
    for (Map.Entry<String, String> e : declared.entrySet()) {
      String capability = e.getValue().replaceAll("[`.]", "").trim();
      String source = sourceOfTest(e.getKey());
      if (capability.equals("none")) {
        assertThat(source).as("%s needs no capability", e.getKey()).doesNotContain("requires(");
      } else {
        assertThat(source)
            .as("%s needs %s", e.getKey(), capability)
            .containsPattern("requires\\(\\s*Capability\\." + capability + "\\b");
      }
    }
  }

  /** The body of the test method of {@code ruleId}, from the kit's sources. */
  private static String sourceOfTest(String ruleId) throws IOException {
    String prefix = "ac_" + ruleId.substring(3).replace('.', '_') + "_";
    try (var files = Files.list(Path.of("src/main/java/io/agentchannel/tck"))) {
      for (Path file : files.toList()) {
        String text = Files.readString(file);
        int at = text.indexOf("public void " + prefix);
        if (at >= 0) {
          int next = text.indexOf("@Test", at);
          return text.substring(at, next < 0 ? text.length() : next);
        }
      }
    }
    throw new AssertionError("no test method starts with " + prefix);
  }
}
