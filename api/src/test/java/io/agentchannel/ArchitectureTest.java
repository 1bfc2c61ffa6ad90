package io.agentchannel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules (README, "Modules") that concern the api module, checked on its compiled
 * classes.
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

  @Test
  void the_wire_model_and_codec_stand_alone_so_the_simulator_can_share_them() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.agentchannel.wire.model..",
            "io.agentchannel.wire..",
            "io.agentchannel.wire.internal..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "the channel, SPI, wiring or runtime",
                (JavaClass c) ->
                    c.getPackageName().startsWith("io.agentchannel") && !isWireLayer(c)))
        .because("server-sim shares only the wire model and codec (README, module rules)")
        .check(api);
  }

  @Test
  void public_api_never_exposes_internal_types() {
    ArchRule rule =
        ArchRuleDefinition.members()
            .that()
            .areDeclaredInClassesThat()
            .resideOutsideOfPackage("..internal..")
            .and()
            .areDeclaredInClassesThat()
            .arePublic()
            .and(
                DescribedPredicate.describe(
                    "are public or protected",
                    (JavaMember m) ->
                        m.getModifiers().contains(JavaModifier.PUBLIC)
                            || m.getModifiers().contains(JavaModifier.PROTECTED)))
            .should(notMentionInternalTypes());
    rule.check(api);
  }

  private static boolean isWireLayer(JavaClass c) {
    String pkg = c.getPackageName();
    return pkg.startsWith("io.agentchannel.wire.model")
        || pkg.startsWith("io.agentchannel.wire")
        || pkg.startsWith("io.agentchannel.wire.internal")
        || WIRE_SUPPORT.contains(c.getName());
  }

  /** Shared by the wire layer: its error types and the immutable-copy helper. */
  private static final Set<String> WIRE_SUPPORT =
      Set.of(
          "io.agentchannel.wire.model.Frozen",
          "io.agentchannel.wire.model.Frozen$FrozenMap",
          "io.agentchannel.error.ProtocolViolationException",
          "io.agentchannel.error.AgentChannelException");

  private static ArchCondition<JavaMember> notMentionInternalTypes() {
    return new ArchCondition<>("not mention internal types in their signature") {
      @Override
      public void check(JavaMember member, ConditionEvents events) {
        Set<JavaClass> mentioned = new HashSet<>();
        if (member instanceof JavaField field) {
          mentioned.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit code) {
          mentioned.addAll(code.getReturnType().getAllInvolvedRawTypes());
          code.getParameterTypes().forEach(t -> mentioned.addAll(t.getAllInvolvedRawTypes()));
          code.getThrowsClause().getTypes().forEach(mentioned::add);
        }
        for (JavaClass type : mentioned) {
          if (type.getPackageName().contains(".internal")) {
            events.add(
                SimpleConditionEvent.violated(
                    member, member.getFullName() + " exposes internal type " + type.getName()));
          }
        }
      }
    };
  }
}
