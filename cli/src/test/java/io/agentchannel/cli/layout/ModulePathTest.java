package io.agentchannel.cli.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module descriptors work, not only compile: an application module that requires only {@code
 * io.agentchannel} finds every transport through the descriptors' {@code provides} (service binding
 * on the module path, no class path at all) and completes a response on each against the real
 * simulator. A missing {@code requires}, an unexported package a transport needs at run time or a
 * lost {@code provides} fails here.
 */
class ModulePathTest {

  private static final String MAIN =
      """
      package demo.app;

      import io.agentchannel.AgentChannel;
      import io.agentchannel.AgentChannelOptions;
      import io.agentchannel.AgentChannels;
      import io.agentchannel.wire.model.CreateRequest;

      public class Main {
        public static void main(String[] args) throws Exception {
          System.out.println("transports " + AgentChannels.availableTransports());
          for (String id : new String[] {"http", "websocket", "vertx"}) {
            AgentChannelOptions options =
                AgentChannelOptions.builder().transport(id).baseUrl(args[0]).build();
            try (AgentChannel channel = AgentChannels.create(options)) {
              var response =
                  channel
                      .create(CreateRequest.builder().model("m").input("from a module").build())
                      .drain()
                      .get();
              System.out.println(id + " " + response.status() + " " + response.outputText());
            }
          }
        }
      }
      """;

  @Test
  void an_application_module_runs_every_transport_from_the_module_path(@TempDir Path dir)
      throws Exception {
    List<Path> modulePath = clientModulePath();
    Path sources = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(sources.resolve("demo/app"));
    Files.writeString(
        sources.resolve("module-info.java"), "module demo.app { requires io.agentchannel; }");
    Files.writeString(sources.resolve("demo/app/Main.java"), MAIN);
    String path = join(modulePath);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "--module-path",
                path,
                sources.resolve("module-info.java").toString(),
                sources.resolve("demo/app/Main.java").toString());
    assertThat(compiled).as("the demo module compiles against the exported API").isZero();

    try (SimServer sim = SimServer.start(SimOptions.builder().build())) {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path output = dir.resolve("out.txt");
      Process run =
          new ProcessBuilder(
                  java.toString(),
                  "--module-path",
                  path + File.pathSeparator + classes,
                  "--module",
                  "demo.app/demo.app.Main",
                  sim.baseUrl().toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean ended = run.waitFor(60, TimeUnit.SECONDS);
      if (!ended) {
        run.destroyForcibly().waitFor();
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      assertThat(ended).as("the module-path run ended; it printed:%n%s", printed).isTrue();
      assertThat(run.exitValue()).as("exit status; it printed:%n%s", printed).isZero();
      assertThat(printed)
          .contains("transports [http, vertx, websocket]")
          .contains("http completed echo: from a module")
          .contains("websocket completed echo: from a module")
          .contains("vertx completed echo: from a module");
    }
  }

  /**
   * The client modules and what they need, taken from this test's class path: every entry that is a
   * module in the graph of {@code io.agentchannel} with its providers bound, and nothing else (the
   * test tools on the class path stay off the module path).
   */
  private static List<Path> clientModulePath() throws IOException {
    List<Path> candidates = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.exists(path) && isUsableModule(path)) {
        candidates.add(path);
      }
    }
    ModuleFinder finder = ModuleFinder.of(candidates.toArray(Path[]::new));
    Configuration graph =
        ModuleLayer.boot()
            .configuration()
            .resolveAndBind(finder, ModuleFinder.of(), Set.of("io.agentchannel"));
    Set<String> names =
        graph.modules().stream().map(ResolvedModule::name).collect(Collectors.toSet());
    assertThat(names)
        .contains(
            "io.agentchannel.transport.http",
            "io.agentchannel.transport.websocket",
            "io.agentchannel.transport.vertx");
    return graph.modules().stream()
        .map(m -> Path.of(m.reference().location().orElseThrow()))
        .sorted()
        .toList();
  }

  /** Test output and jars that cannot be read as modules (no valid automatic name) are left out. */
  private static boolean isUsableModule(Path path) {
    String name = path.getFileName().toString();
    if (name.equals("test-classes") || name.endsWith("-tests.jar")) {
      return false;
    }
    try {
      return ModuleFinder.of(path).findAll().size() == 1;
    } catch (RuntimeException notAModule) {
      return false;
    }
  }

  private static String join(List<Path> paths) {
    return paths.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }
}
