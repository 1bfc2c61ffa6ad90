package io.agentchannel.cli.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.agentchannel.cli.layout.ModuleRules.Exports;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout rules over every module of the distribution (their main classes as compiled): no
 * package cycle anywhere, every library module an explicit Java module, and code outside a module
 * (the cli, on the class path) uses only what the module exports. Each rule is also applied to a
 * planted violation, so a rule that stopped being able to fail would fail here.
 */
class ModuleRulesTest {

  /** The cli is an application on the class path; every other module is a library module. */
  private static final String CLI_PACKAGE = "io.agentchannel.cli";

  private static JavaClasses distribution;
  private static Map<String, Exports> modules;

  @BeforeAll
  static void importDistribution() {
    distribution =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ModuleRules.ROOT);
    modules = ModuleRules.projectModulesOnClassPath();
  }

  @Test
  void no_package_of_any_module_is_part_of_a_cycle() {
    ModuleRules.noPackageCycles().check(distribution);
  }

  @Test
  void a_planted_cycle_fails_the_cycle_rule() {
    JavaClasses planted =
        new ClassFileImporter().importPackages("io.agentchannel.cli.layout.planted");
    assertThatThrownBy(() -> ModuleRules.noPackageCycles().check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("planted.a")
        .hasMessageContaining("planted.b");
  }

  @Test
  void every_library_module_has_a_module_descriptor() {
    TreeSet<String> automatic =
        modules.values().stream()
            .filter(m -> !m.explicit())
            .filter(m -> m.packages().stream().noneMatch(p -> p.startsWith(CLI_PACKAGE)))
            .map(Exports::module)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(modules.values()).extracting(Exports::module).contains("io.agentchannel.wire");
    assertThat(automatic).as("library modules without module-info.java").isEmpty();
  }

  @Test
  void the_cli_uses_only_exported_packages() {
    ModuleRules.onlyExportedPackages(modules)
        .check(
            distribution.that(
                com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are in the cli", c -> c.getPackageName().startsWith(CLI_PACKAGE))));
  }

  @Test
  void a_planted_reach_into_an_internal_package_fails_the_export_rule() {
    JavaClasses planted =
        new ClassFileImporter().importClasses(io.agentchannel.cli.layout.planted.Reach.class);
    assertThatThrownBy(() -> ModuleRules.onlyExportedPackages(modules).check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("io.agentchannel.wire.internal is not exported");
  }

  @Test
  void public_signatures_of_every_module_name_only_exported_types() {
    ModuleRules.publicSignaturesNameOnlyExportedTypes(modules).check(distribution);
  }

  @Test
  void a_planted_internal_type_in_a_public_signature_fails_the_signature_rule() {
    JavaClasses planted =
        new ClassFileImporter().importClasses(io.agentchannel.cli.layout.planted.Leak.class);
    Map<String, Exports> withPlanted = new HashMap<>(modules);
    String pkg = io.agentchannel.cli.layout.planted.Leak.class.getPackageName();
    withPlanted.put(pkg, new Exports("planted", Set.of(pkg), Set.of(pkg), true));
    assertThatThrownBy(
            () -> ModuleRules.publicSignaturesNameOnlyExportedTypes(withPlanted).check(planted))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("of unexported package io.agentchannel.wire.internal");
  }
}
