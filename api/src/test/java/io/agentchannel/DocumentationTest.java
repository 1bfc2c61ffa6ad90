package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The style rules javac cannot check, for every module of the repository: every package has a
 * {@code package-info.java}, and every public top-level type has a Javadoc comment (where
 * lifecycle, threading and limits are stated).
 */
class DocumentationTest {

  /** The main sources of every module beside this one (the tests run in the api module). */
  private static final List<Path> SOURCES = moduleSources();

  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^public\\s+((final|abstract|sealed|non-sealed|static)\\s+)*(class|interface|record|enum|@interface)\\s");

  @Test
  void every_package_has_a_package_info() throws IOException {
    List<Path> missing = new ArrayList<>();
    try (Stream<Path> dirs = walkSources()) {
      dirs.filter(Files::isDirectory)
          .filter(DocumentationTest::holdsJavaSources)
          .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
          .forEach(missing::add);
    }
    assertThat(missing).as("packages without package-info.java").isEmpty();
  }

  @Test
  void every_public_top_level_type_has_javadoc() throws IOException {
    List<Path> undocumented = new ArrayList<>();
    try (Stream<Path> files = walkSources()) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.getFileName().toString().equals("package-info.java"))
          .filter(f -> !hasJavadocOnPublicType(f))
          .forEach(undocumented::add);
    }
    assertThat(undocumented).as("public types without a Javadoc comment").isEmpty();
  }

  @Test
  void the_check_covers_the_other_modules() {
    assertThat(SOURCES).contains(Path.of("..", "server-sim", "src", "main", "java"));
  }

  private static List<Path> moduleSources() {
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      return modules
          .map(m -> m.resolve("src").resolve("main").resolve("java"))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> walkSources() {
    return SOURCES.stream()
        .flatMap(
            root -> {
              try {
                return Files.walk(root);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  private static boolean holdsJavaSources(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      // The source root holds the module descriptor, which belongs to no package.
      return entries.anyMatch(
          f -> f.toString().endsWith(".java") && !f.endsWith("module-info.java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * True if the file has no public top-level type, or the type's declaration follows a {@code
   * *}{@code /}.
   */
  private static boolean hasJavadocOnPublicType(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (PUBLIC_TYPE.matcher(lines.get(i)).find()) {
          int j = i - 1;
          while (j >= 0 && (lines.get(j).isBlank() || lines.get(j).startsWith("@"))) {
            j--;
          }
          return j >= 0 && lines.get(j).trim().endsWith("*/");
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
