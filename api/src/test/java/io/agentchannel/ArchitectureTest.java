package io.agentchannel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules (README, "Modules") that concern the api module, checked on its compiled
 * classes. The rules over every module (no package cycle, public signatures name only exported
 * types, code outside a module uses only its exports) are in the cli's {@code ModuleRulesTest},
 * which sees the whole distribution; that the wire module needs nothing of the client is kept by
 * the module graph itself (wire depends on Jackson only).
 */
class ArchitectureTest {

  private static JavaClasses api;

  @BeforeAll
  static void importApi() {
    api =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.agentchannel");
  }

  @Test
  void api_knows_no_transport_vertx_tyrus_or_server_sim() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "io.netty..",
            "org.glassfish..",
            "jakarta.websocket..",
            "java.net.http..",
            "io.agentchannel.transport..",
            "io.agentchannel.sim..",
            "io.agentchannel.tck..",
            "io.agentchannel.cli..")
        .because("api must not know any transport or the simulator (README, module rules)")
        .check(api);
  }

  @Test
  void javax_inject_is_never_used() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javax.inject..", "javax.websocket..")
        .because("Guice 7 ignores javax.inject; everything is jakarta.*")
        .check(api);
  }
}
