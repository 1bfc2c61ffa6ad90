package io.agentchannel.tck;

import io.agentchannel.tck.internal.ReportWriter;
import io.agentchannel.tck.internal.ReportWriter.Outcome;
import io.agentchannel.tck.internal.ReportWriter.Status;
import io.agentchannel.tck.internal.RuleCatalog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Records each rule's outcome and, after the class, writes the report and prints the one-line
 * summary. Registered on {@link TransportCompatibilityKit}; one instance per kit class.
 */
final class TckReportExtension implements TestWatcher, AfterAllCallback {

  /** Outcomes by kit class (the class context's unique id), until the class has finished. */
  private static final Map<String, List<Outcome>> OUTCOMES = new ConcurrentHashMap<>();

  private static List<Outcome> outcomes(ExtensionContext context) {
    ExtensionContext classContext =
        context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    return OUTCOMES.computeIfAbsent(
        classContext.getUniqueId(), k -> new CopyOnWriteArrayList<Outcome>());
  }

  private static void record(ExtensionContext context, Status status, String reason) {
    String method = context.getRequiredTestMethod().getName();
    Optional<String> rule = RuleCatalog.ruleOf(method);
    if (rule.isEmpty()) {
      return; // a vendor's own extra test in the kit class
    }
    outcomes(context).add(new Outcome(rule.get(), method, status, reason == null ? "" : reason));
  }

  @Override
  public void testSuccessful(ExtensionContext context) {
    record(context, Status.PASSED, "");
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    record(context, Status.FAILED, String.valueOf(cause.getMessage()).strip());
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    record(context, Status.SKIPPED, message.replaceFirst("^Assumption failed: ", ""));
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    record(
        context,
        Status.SKIPPED,
        "disabled by the transport's kit class: " + reason.orElse("no reason given"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Object instance = context.getTestInstance().orElse(null);
    if (!(instance instanceof TransportCompatibilityKit kit)) {
      return;
    }
    List<Outcome> outcomes = OUTCOMES.remove(context.getUniqueId());
    if (outcomes == null) {
      outcomes = List.of();
    }
    ReportWriter.Run run =
        new ReportWriter.Run(
            kit.reportName(),
            kit.provider().id(),
            kit.provider().version(),
            String.valueOf(kit.capabilities()));
    ReportWriter.write(run, outcomes);
    System.out.println(ReportWriter.summary(run, outcomes));
  }
}
