package io.agentchannel.cli.layout;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The layout rules every module follows, as ArchUnit rules that {@link ModuleRulesTest} applies to
 * the whole distribution and to planted fixtures (so a rule that can no longer fail is noticed).
 */
final class ModuleRules {

  static final String ROOT = "io.agentchannel";

  private ModuleRules() {}

  /**
   * The entry points: the classes a user starts from, each of which builds the implementation
   * behind the public types of its own package ({@code AgentChannels} creates the internal channel
   * that implements {@code AgentChannel}; a transport's provider creates its internal transport,
   * which reads the provider's public options). That public-to-internal edge and back is the one
   * loop allowed, as in OkHttp's {@code OkHttpClient} or Vert.x's {@code Vertx.vertx()}; every
   * other dependency, including every other dependency of these classes' packages, counts.
   */
  static final Set<String> ENTRY_POINTS =
      Set.of(
          ROOT + ".AgentChannels",
          ROOT + ".transport.http.HttpTransportProvider",
          ROOT + ".transport.websocket.WebSocketTransportProvider",
          ROOT + ".transport.vertx.VertxTransportProvider");

  private static boolean isEntryPoint(JavaClass type) {
    String name = type.getName();
    int nested = name.indexOf('$');
    return ENTRY_POINTS.contains(nested < 0 ? name : name.substring(0, nested));
  }

  /** Every package of the project is its own slice; no two may depend on each other in a loop. */
  static ArchRule noPackageCycles() {
    return slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.equals(ROOT) || pkg.startsWith(ROOT + ".")
                    ? SliceIdentifier.of(pkg)
                    : SliceIdentifier.ignore();
              }

              @Override
              public String getDescription() {
                return "every package under " + ROOT;
              }
            })
        .should()
        .beFreeOfCycles()
        .ignoreDependency(
            DescribedPredicate.describe(
                "an entry point " + ENTRY_POINTS, ModuleRules::isEntryPoint),
            DescribedPredicate.alwaysTrue());
  }

  /**
   * Classes outside a module may use only the packages it exports to everyone: what a class-path
   * user (the cli) compiles against is exactly what a module-path user can reach.
   */
  static ArchRule onlyExportedPackages(Map<String, Exports> modulesByPackage) {
    return ArchRuleDefinition.classes()
        .should(
            new ArchCondition<JavaClass>("use only packages their modules export to everyone") {
              @Override
              public void check(JavaClass user, ConditionEvents events) {
                for (Dependency dependency : user.getDirectDependenciesFromSelf()) {
                  String target = dependency.getTargetClass().getPackageName();
                  Exports owner = modulesByPackage.get(target);
                  if (owner == null || owner.packages().contains(user.getPackageName())) {
                    continue; // not one of ours, or inside the same module
                  }
                  if (!owner.exported().contains(target)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            dependency,
                            dependency.getDescription()
                                + ": package "
                                + target
                                + " is not exported by module "
                                + owner.module()));
                  }
                }
              }
            });
  }

  /**
   * The public surface of an exported package names only exported types: a public or protected
   * member of a public class in an exported package never mentions (in its type, return type,
   * parameters or throws clause) a type of a package its module does not export, so what a user can
   * call is all they need to see.
   */
  static ArchRule publicSignaturesNameOnlyExportedTypes(Map<String, Exports> modulesByPackage) {
    return ArchRuleDefinition.members()
        .that(
            DescribedPredicate.describe(
                "are public or protected members of public classes in exported packages",
                (JavaMember m) ->
                    isVisible(m.getModifiers())
                        && m.getOwner().getModifiers().contains(JavaModifier.PUBLIC)
                        && isExported(m.getOwner().getPackageName(), modulesByPackage)))
        .should(
            new ArchCondition<JavaMember>("mention only types of exported packages") {
              @Override
              public void check(JavaMember member, ConditionEvents events) {
                for (JavaClass type : signatureTypes(member)) {
                  String pkg = type.getPackageName();
                  if (modulesByPackage.containsKey(pkg) && !isExported(pkg, modulesByPackage)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            member,
                            member.getFullName()
                                + " exposes "
                                + type.getName()
                                + " of unexported package "
                                + pkg));
                  }
                }
              }
            })
        .allowEmptyShould(false);
  }

  private static boolean isVisible(Set<JavaModifier> modifiers) {
    return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
  }

  private static boolean isExported(String pkg, Map<String, Exports> modulesByPackage) {
    Exports owner = modulesByPackage.get(pkg);
    return owner != null && owner.exported().contains(pkg);
  }

  private static Set<JavaClass> signatureTypes(JavaMember member) {
    Set<JavaClass> types = new HashSet<>();
    if (member instanceof JavaField field) {
      types.addAll(field.getType().getAllInvolvedRawTypes());
    } else if (member instanceof JavaCodeUnit code) {
      types.addAll(code.getReturnType().getAllInvolvedRawTypes());
      code.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
      types.addAll(code.getThrowsClause().getTypes());
    }
    return types;
  }

  /** What one of the project's modules holds and exports to everyone. */
  record Exports(String module, Set<String> packages, Set<String> exported, boolean explicit) {}

  /**
   * The project's modules on the class path, by package: read from each entry's {@code
   * module-info.class} (an entry without one is an automatic module that exports everything).
   */
  static Map<String, Exports> projectModulesOnClassPath() {
    Map<String, Exports> byPackage = new HashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!Files.exists(path) || isTestOutput(path)) {
        continue;
      }
      ModuleReference reference;
      try {
        reference = ModuleFinder.of(path).findAll().stream().findFirst().orElse(null);
      } catch (RuntimeException unreadable) {
        continue; // not a module at all (e.g. a bare directory of resources)
      }
      if (reference == null) {
        continue;
      }
      ModuleDescriptor descriptor = reference.descriptor();
      Set<String> packages = new TreeSet<>(descriptor.packages());
      if (packages.stream().noneMatch(p -> p.equals(ROOT) || p.startsWith(ROOT + "."))) {
        continue;
      }
      Set<String> exported = new TreeSet<>();
      if (descriptor.isAutomatic()) {
        exported.addAll(packages);
      } else {
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .forEach(e -> exported.add(e.source()));
      }
      Exports exports =
          new Exports(descriptor.name(), packages, exported, !descriptor.isAutomatic());
      packages.forEach(p -> byPackage.put(p, exports));
    }
    return byPackage;
  }

  private static boolean isTestOutput(Path path) {
    String name = path.getFileName().toString();
    return name.equals("test-classes") || name.endsWith("-tests.jar");
  }
}
