package io.agentchannel.sim;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The simulator shares only the wire model and codec with the client side: it must never lean on
 * the client runtime (channels, transports, configuration), or a client bug could hide behind a
 * matching simulator bug.
 */
class SimArchitectureTest {

  private static final JavaClasses SIM =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.agentchannel.sim");

  @Test
  void the_simulator_uses_only_the_wire_model_and_codec_of_the_api() {
    classes()
        .that()
        .resideInAPackage("io.agentchannel.sim..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(
                    "io.agentchannel.sim..",
                    "io.agentchannel.wire.model..",
                    "io.agentchannel.wire..",
                    "java..",
                    "javax.net.ssl..",
                    "io.vertx.core..",
                    // only to drop a WebSocket without a close frame, which Vert.x cannot do
                    "io.netty.channel",
                    "com.fasterxml.jackson..")
                .or(name("io.agentchannel.error.ProtocolViolationException")))
        .check(SIM);
  }

  @Test
  void the_internal_packages_form_no_cycles() {
    slices().matching("io.agentchannel.sim.internal.(*)..").should().beFreeOfCycles().check(SIM);
  }

  private static final List<String> PUBLIC_PACKAGES =
      List.of("io.agentchannel.sim", "io.agentchannel.sim.data");

  @Test
  void the_public_api_does_not_expose_vertx_to_embedders() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass type : SIM) {
      if (!PUBLIC_PACKAGES.contains(type.getPackageName())
          || !type.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaMethod method : type.getMethods()) {
        if (!method.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        Stream.concat(Stream.of(method.getRawReturnType()), method.getRawParameterTypes().stream())
            .filter(t -> t.getPackageName().startsWith("io.vertx"))
            .forEach(t -> leaks.add(method.getFullName() + " uses " + t.getName()));
      }
    }
    assertThat(leaks).isEmpty();
  }
}
