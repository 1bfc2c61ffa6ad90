package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.doubles.Breakages;
import io.agentchannel.tck.doubles.BrokenProvider;
import io.agentchannel.tck.internal.ReportWriter;
import io.agentchannel.tck.internal.RuleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * A rule whose test cannot fail is a defect: each broken double of the reference transport must
 * fail exactly the rules its defect breaks, and nothing else.
 */
class BrokenDoublesTest {

  /** The kit over a broken double, with a short await so hangs fail fast. */
  abstract static class BrokenKit extends TransportCompatibilityKit {
    abstract UnaryOperator<EventSink> breakage();

    @Override
    protected TransportProvider provider() {
      return new BrokenProvider("broken", breakage());
    }

    @Override
    protected String reportName() {
      return "broken-" + getClass().getSimpleName();
    }

    @Override
    protected TckTimeouts timeouts() {
      return new TckTimeouts(Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofMillis(300));
    }
  }

  static final class SecondTerminal extends BrokenKit {
    @Override
    UnaryOperator<EventSink> breakage() {
      return Breakages::secondTerminal;
    }
  }

  static final class CompletesSilentlyOnDrop extends BrokenKit {
    @Override
    UnaryOperator<EventSink> breakage() {
      return Breakages::completesSilentlyOnDrop;
    }
  }

  static final class IgnoresBackpressure extends BrokenKit {
    @Override
    UnaryOperator<EventSink> breakage() {
      return Breakages::ignoresBackpressure;
    }
  }

  static final class ReordersDeltas extends BrokenKit {
    @Override
    UnaryOperator<EventSink> breakage() {
      return Breakages::reordersDeltas;
    }
  }

  /** Failed rules by kit class, from one parallel run of the four broken kits. */
  private static final Map<Class<?>, Set<String>> FAILED = new HashMap<>();

  @BeforeAll
  static void runTheKitAgainstEveryDouble() {
    List<Class<?>> kits =
        List.of(
            SecondTerminal.class,
            CompletesSilentlyOnDrop.class,
            IgnoresBackpressure.class,
            ReordersDeltas.class);
    EngineExecutionResults results =
        EngineTestKit.engine("junit-jupiter")
            .selectors(
                kits.stream().map(DiscoverySelectors::selectClass).toArray(ClassSelector[]::new))
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
            .configurationParameter(
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "8")
            .execute();
    Events tests = results.testEvents();
    assertThat(tests.started().count())
        .as("every rule ran against every double")
        .isEqualTo((long) kits.size() * RuleCatalog.rules().size());
    for (Class<?> kit : kits) {
      FAILED.put(kit, new TreeSet<>());
    }
    tests.failed().stream()
        .forEach(
            e -> {
              MethodSource source = (MethodSource) e.getTestDescriptor().getSource().orElseThrow();
              FAILED
                  .get(source.getJavaClass())
                  .add(RuleCatalog.ruleOf(source.getMethodName()).orElseThrow());
            });
  }

  private static Set<String> failedRules(Class<?> kit) {
    return FAILED.get(kit);
  }

  @Test
  void the_report_states_each_rule_as_the_run_ended() throws Exception {
    Path report =
        Path.of(System.getProperty(ReportWriter.DIRECTORY_PROPERTY, "target/agentchannel-tck"))
            .resolve("broken-SecondTerminal.json");
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.get("transport_id").asText()).isEqualTo("broken");
    assertThat(json.get("summary").asText())
        .isEqualTo(
            "AgentChannel TCK "
                + RuleCatalog.tckVersion()
                + ": transport broken broken (broken-SecondTerminal): "
                + (RuleCatalog.rules().size() - 9)
                + " passed, 1 failed, 8 skipped"); // 4 of areas 1-9 and 4 of area 10 need
    // capabilities
    Map<String, JsonNode> byRule = new HashMap<>();
    json.get("rules").forEach(rule -> byRule.put(rule.get("rule").asText(), rule));
    assertThat(byRule.keySet()).containsExactlyInAnyOrderElementsOf(RuleCatalog.rules().keySet());
    assertThat(byRule.get("AC-3.2").get("status").asText()).isEqualTo("failed");
    assertThat(byRule.get("AC-3.2").get("reason").asText()).contains("AC-3.2");
    assertThat(byRule.get("AC-5.1").get("status").asText()).isEqualTo("skipped");
    assertThat(byRule.get("AC-5.1").get("reason").asText()).contains("needs capability WARMUP");
    assertThat(byRule.get("AC-1.1").get("status").asText()).isEqualTo("passed");
    assertThat(Files.readString(report.resolveSibling("broken-SecondTerminal.md")))
        .contains(
            "| AC-3.2 | The terminal event is the last thing the transport pushes | failed |");
  }

  @Test
  void a_second_terminal_event_fails_only_ac_3_2() {
    assertThat(failedRules(SecondTerminal.class)).containsExactly("AC-3.2");
  }

  @Test
  void completing_silently_on_a_drop_fails_the_drop_close_and_no_replay_rules() {
    Set<String> failed = new TreeSet<>(failedRules(CompletesSilentlyOnDrop.class));
    // AC-8.1 and AC-9.2 catch the double every time. AC-8.6, AC-10.5 and AC-10.11 also fail when
    // the double's silent completion reaches the caller before the drop's error does, which
    // depends on timing: they may fail, and nothing else may.
    assertThat(failed)
        .contains("AC-8.1", "AC-9.2")
        .isSubsetOf("AC-8.1", "AC-8.6", "AC-9.2", "AC-10.5", "AC-10.11");
  }

  @Test
  void ignoring_backpressure_fails_only_ac_7_1() {
    assertThat(failedRules(IgnoresBackpressure.class)).containsExactly("AC-7.1");
  }

  @Test
  void reordered_deltas_fail_the_reassembly_and_sequence_rules() {
    assertThat(failedRules(ReordersDeltas.class)).containsExactly("AC-2.2", "AC-2.4");
  }
}
