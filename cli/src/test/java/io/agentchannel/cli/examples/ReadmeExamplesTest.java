package io.agentchannel.cli.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.agent.AgentResult;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's code cannot rot: every Java block of the README marked {@code <!-- example: Name
 * -->} must be, white space aside, the region of {@code Name.java} in this package between {@code
 * // readme:start} and {@code // readme:end}; and every example runs here against a real embedded
 * simulator on 127.0.0.1, over real sockets.
 */
class ReadmeExamplesTest {

  private static final Path README = Path.of("..", "README.md");
  private static final Path EXAMPLES = Path.of("src/test/java/io/agentchannel/cli/examples");
  private static final List<String> EXAMPLE_NAMES = List.of("HelloWorld", "AgentExample");

  /** {@code <!-- example: Name -->}, then (after blank lines) a {@code ```java} block. */
  private static final Pattern MARKED_BLOCK =
      Pattern.compile(
          "<!--\\s*example:\\s*([A-Za-z0-9_]+)\\s*-->[ \\t]*\\R(?:[ \\t]*\\R)*"
              + "(```java[ \\t]*\\R(.*?)\\R```)?",
          Pattern.DOTALL);

  private static final String START = "// readme:start";
  private static final String END = "// readme:end";

  // --- the comparison ------------------------------------------------------------------------

  @Test
  void every_readme_example_is_the_marked_region_of_its_file() throws IOException {
    assertThat(mismatches(Files.readString(README), regions())).isEmpty();
  }

  @Test
  void a_readme_block_that_differs_from_its_file_fails() throws IOException {
    String readme = Files.readString(README);
    assertThat(readme).contains("\"Say hello.\"");
    String planted = readme.replace("\"Say hello.\"", "\"Say goodbye.\"");

    List<String> problems = mismatches(planted, regions());

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .contains("HelloWorld")
        .contains("Say goodbye.")
        .contains("Say hello.");
  }

  @Test
  void white_space_alone_is_no_difference() throws IOException {
    String readme = Files.readString(README);
    String reindented = readme.replace("\n  ", "\n      ").replace(".build();", ".build();   ");
    assertThat(reindented).isNotEqualTo(readme);
    assertThat(mismatches(reindented, regions())).isEmpty();
  }

  @Test
  void a_marker_without_a_java_block_and_an_example_without_a_marker_fail() {
    String readme = "# x\n\n<!-- example: HelloWorld -->\n\nsome prose\n";
    Map<String, String> regions = new LinkedHashMap<>();
    regions.put("HelloWorld", "System.out.println(1);");
    regions.put("AgentExample", "System.out.println(2);");

    assertThat(mismatches(readme, regions))
        .anySatisfy(p -> assertThat(p).contains("HelloWorld").contains("no ```java block"))
        .anySatisfy(p -> assertThat(p).contains("AgentExample").contains("no block marked"));
  }

  @Test
  void a_marker_naming_no_example_file_fails() {
    String readme = "<!-- example: Nowhere -->\n```java\nint x = 1;\n```\n";
    assertThat(mismatches(readme, Map.of()))
        .singleElement()
        .satisfies(p -> assertThat(p).contains("Nowhere").contains("no example file"));
  }

  // --- the examples, run ---------------------------------------------------------------------

  @Test
  void hello_world_prints_the_simulators_answer() {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys("sk-readme").build())) {
      // The example reads its settings as a user's program does; system properties come before
      // the environment, so the simulator's address and key win over whatever the machine sets.
      String out =
          withSystemProperties(
              Map.of(
                  "agentchannel.base-url",
                  sim.baseUrl().toString(),
                  "agentchannel.api-key",
                  "sk-readme"),
              () -> HelloWorld.main(new String[0]));

      assertThat(out).isEqualTo("echo: Say hello." + System.lineSeparator());
      assertThat(sim.stats().turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(1);
    }
  }

  @Test
  void the_agent_runs_its_tool_and_gets_the_final_answer() {
    // Any model name other than the simulator's own gets its default model, here the tool loop:
    // it calls the offered tool once, then answers with a digest of the tool outputs it received.
    SimOptions simOptions =
        SimOptions.builder().apiKeys("sk-readme").defaultModel("tool-loop").toolCalls(1).build();
    try (SimServer sim = SimServer.start(simOptions);
        AgentChannel channel =
            AgentChannels.create(
                AgentChannelOptions.builder()
                    .environment(Map.of())
                    .systemProperties(new Properties())
                    .transport("vertx")
                    .baseUrl(sim.baseUrl())
                    .apiKey("sk-readme")
                    .build())) {

      AgentResult[] result = new AgentResult[1];
      String out = captureStandardOutput(() -> result[0] = AgentExample.run(channel));

      AgentResult run = result[0];
      assertThat(run.toolCalls()).isEqualTo(1);
      assertThat(run.transcript())
          .filteredOn(FunctionCallOutputItem.class::isInstance)
          .map(item -> ((FunctionCallOutputItem) item).output())
          .containsExactly(AgentExample.Weather.PARIS);
      // The server's answer covers the tool output it received: this proves it got there.
      assertThat(run.answer())
          .startsWith("tool outputs: 1; digest: ")
          .isEqualTo(ToolLoopDigest.answer(run.transcript()));
      assertThat(run.turns()).hasSize(2);
      assertThat(out)
          .isEqualTo(
              run.answer()
                  + System.lineSeparator()
                  + "1 tool call(s), 2 turns"
                  + System.lineSeparator());
      assertThat(sim.stats().turns(SimStats.TRANSPORT_WEBSOCKET)).isEqualTo(2);
    }
  }

  // --- helpers -------------------------------------------------------------------------------

  /** Every example's marked region, by name. */
  private static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    for (String name : EXAMPLE_NAMES) {
      regions.put(name, region(name, Files.readString(EXAMPLES.resolve(name + ".java"))));
    }
    return regions;
  }

  /** The text between the {@code // readme:start} and {@code // readme:end} lines of a source. */
  static String region(String name, String source) {
    int start = source.indexOf(START);
    int end = source.indexOf(END);
    if (start < 0 || end < start || source.indexOf(START, start + 1) >= 0) {
      throw new AssertionError(
          name + ".java needs exactly one '" + START + "' line followed by a '" + END + "' line");
    }
    return source.substring(start + START.length(), end);
  }

  /** The README's marked Java blocks by name; a marker without a block maps to {@code null}. */
  static Map<String, String> readmeBlocks(String markdown) {
    Map<String, String> blocks = new LinkedHashMap<>();
    Matcher m = MARKED_BLOCK.matcher(markdown);
    while (m.find()) {
      blocks.put(m.group(1), m.group(2) == null ? null : m.group(3));
    }
    return blocks;
  }

  /** Every way the README and the example regions disagree, one sentence each; empty if none. */
  static List<String> mismatches(String markdown, Map<String, String> regions) {
    List<String> problems = new ArrayList<>();
    Map<String, String> blocks = readmeBlocks(markdown);
    for (Map.Entry<String, String> e : regions.entrySet()) {
      String name = e.getKey();
      if (!blocks.containsKey(name)) {
        problems.add("README.md has no block marked <!-- example: " + name + " -->");
      } else if (blocks.get(name) == null) {
        problems.add(
            "README.md marks example " + name + " but no ```java block follows the marker");
      } else if (!normalize(blocks.get(name)).equals(normalize(e.getValue()))) {
        problems.add(difference(name, normalize(blocks.get(name)), normalize(e.getValue())));
      }
    }
    for (String name : blocks.keySet()) {
      if (!regions.containsKey(name)) {
        problems.add(
            "README.md marks example " + name + ", but there is no example file " + name + ".java");
      }
    }
    return problems;
  }

  /** White space runs as one space, none at the ends. */
  static String normalize(String code) {
    return code.strip().replaceAll("\\s+", " ");
  }

  private static String difference(String name, String readme, String file) {
    int i = 0;
    while (i < readme.length() && i < file.length() && readme.charAt(i) == file.charAt(i)) {
      i++;
    }
    return "README.md's block <!-- example: "
        + name
        + " --> differs from "
        + name
        + ".java between '"
        + START
        + "' and '"
        + END
        + "' at character "
        + i
        + " (white space ignored): README has \""
        + excerpt(readme, i)
        + "\", the file has \""
        + excerpt(file, i)
        + "\"";
  }

  private static String excerpt(String s, int at) {
    int from = Math.max(0, at - 30);
    return (from > 0 ? "…" : "") + s.substring(from, Math.min(s.length(), at + 40));
  }

  private static synchronized String captureStandardOutput(Runnable body) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String withSystemProperties(Map<String, String> values, Runnable body) {
    Map<String, String> previous = new LinkedHashMap<>();
    values.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
    try {
      return captureStandardOutput(body);
    } finally {
      previous.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }
}
