package io.agentchannel.sim.internal.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agentchannel.sim.data.SimStats;
import org.junit.jupiter.api.Test;

/**
 * The metrics core and its snapshot type stay plain Java and Jackson, so the server can call them
 * from any thread and they can be tested without a server.
 */
class MetricsArchitectureTest {

  private static final JavaClasses METRICS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackagesOf(SimMetrics.class, SimStats.class);

  @Test
  void metrics_core_depends_only_on_java_and_jackson() {
    classes()
        .that()
        .resideInAPackage("io.agentchannel.sim.internal.metrics..")
        .or()
        .belongToAnyOf(SimStats.class)
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "com.fasterxml.jackson..",
            "io.agentchannel.sim.data",
            "io.agentchannel.sim.internal.metrics..")
        .because("the metrics core has no Vert.x dependency")
        .check(METRICS);
  }

  @Test
  void the_public_snapshot_does_not_expose_internal_types() {
    classes()
        .that()
        .belongToAnyOf(SimStats.class)
        .should()
        .onlyDependOnClassesThat()
        .resideOutsideOfPackage("io.agentchannel.sim.internal..")
        .check(METRICS);
  }
}
