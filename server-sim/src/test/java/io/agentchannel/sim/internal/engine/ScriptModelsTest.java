package io.agentchannel.sim.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.sim.internal.refusal.SimError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScriptModelsTest {

  private static final String HELLO =
      "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"%s\"}]}]}";

  @TempDir Path directory;

  private static TurnInput firstTurn() {
    return new TurnInput(null, List.of(), 0, Directives.none(), new SplittableRandom(1), 3);
  }

  private static String answer(SimModel model) {
    return ((PlannedItem.Text) model.plan(firstTurn()).items().get(0)).text();
  }

  private static SimError refusal(ScriptModels models, String name) {
    return catchThrowableOfType(SimError.class, () -> models.model(name));
  }

  @Test
  void a_scenario_is_found_on_the_class_path() {
    ScriptModels models = new ScriptModels(null);

    assertThat(answer(models.model("hello"))).isEqualTo("Hello from the class path.");
    assertThat(((ScriptModel) models.model("every-ending")).scenario().source())
        .isEqualTo("class path resource sim-scenarios/every-ending.json");
  }

  @Test
  void the_bundled_default_scenario_is_an_agent_loop_of_three_turns() {
    ScriptModel model = (ScriptModel) new ScriptModels(null).model("two-tools-then-answer");

    assertThat(model.scenario().turns()).hasSize(3);
    assertThat(model.plan(firstTurn()).items())
        .containsExactly(
            new PlannedItem.Reasoning(Tokens.chunks("Run the tests first to see what fails.")),
            new PlannedItem.Call(
                "run_tests", "call_run_tests_1", Tokens.chunks("{\"path\":\"src\"}")));
  }

  @Test
  void a_scenario_is_read_once_and_kept() throws Exception {
    Files.writeString(directory.resolve("kept.json"), HELLO.formatted("first"));
    ScriptModels models = new ScriptModels(directory);

    SimModel first = models.model("kept");
    Files.writeString(directory.resolve("kept.json"), HELLO.formatted("second"));

    assertThat(models.model("kept")).isSameAs(first);
    assertThat(answer(models.model("kept"))).isEqualTo("first");
    assertThat(answer(new ScriptModels(directory).model("kept"))).isEqualTo("second");
  }

  @Test
  void a_scenario_is_found_in_the_directory() throws Exception {
    Files.writeString(
        directory.resolve("local.json"), HELLO.formatted("Hello from the directory."));
    ScriptModels models = new ScriptModels(directory);

    ScriptModel model = (ScriptModel) models.model("local");

    assertThat(answer(model)).isEqualTo("Hello from the directory.");
    assertThat(model.scenario().source()).isEqualTo(directory.resolve("local.json").toString());
  }

  @Test
  void the_directory_overrides_the_class_path_and_falls_back_to_it() throws Exception {
    Files.writeString(directory.resolve("hello.json"), HELLO.formatted("Overridden."));
    ScriptModels models = new ScriptModels(directory);

    assertThat(answer(models.model("hello"))).isEqualTo("Overridden.");
    assertThat(((ScriptModel) models.model("every-ending")).scenario().turns()).hasSize(6);
  }

  @Test
  void a_folder_named_like_a_scenario_is_not_one() throws Exception {
    Files.createDirectory(directory.resolve("hello.json"));

    assertThat(answer(new ScriptModels(directory).model("hello")))
        .isEqualTo("Hello from the class path.");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../hello",
        "a/b",
        "a\\b",
        ".hidden",
        "..",
        "a b",
        "caf\u00e9",
        "x:y",
        "a\u0000"
      })
  void a_name_that_is_not_a_scenario_name_is_refused_naming_the_model(String name) {
    SimError error = refusal(new ScriptModels(directory), name);

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.code()).isEqualTo("invalid_value");
    assertThat(error.detail().param()).isEqualTo("model");
    assertThat(error.getMessage())
        .isEqualTo(
            "Invalid model 'script:"
                + name
                + "': a scenario name is 1 to 128 of the characters A-Z, a-z, 0-9, '_', '-' and"
                + " '.', not starting with '.'.");
  }

  @Test
  void names_up_to_the_limit_with_every_allowed_character_are_looked_up() throws Exception {
    String longest = "a".repeat(ScriptModels.MAX_NAME_LENGTH - 5) + "_-.Z9";
    Files.writeString(directory.resolve(longest + ".json"), HELLO.formatted("long"));
    ScriptModels models = new ScriptModels(directory);

    assertThat(answer(models.model(longest))).isEqualTo("long");
    assertThat(refusal(models, longest + "x").code()).isEqualTo("invalid_value");
  }

  @Test
  void an_unknown_scenario_is_model_not_found_naming_where_it_was_looked_for() {
    SimError withDirectory = refusal(new ScriptModels(directory), "nope");
    SimError classPathOnly = refusal(new ScriptModels(null), "nope");

    assertThat(withDirectory.status()).isEqualTo(400);
    assertThat(withDirectory.code()).isEqualTo("model_not_found");
    assertThat(withDirectory.detail().type()).isEqualTo("invalid_request_error");
    assertThat(withDirectory.detail().param()).isEqualTo("model");
    assertThat(withDirectory.getMessage())
        .isEqualTo(
            "The model 'script:nope' does not exist: no file nope.json in "
                + directory
                + " and no class path resource sim-scenarios/nope.json.");
    assertThat(classPathOnly.getMessage())
        .isEqualTo(
            "The model 'script:nope' does not exist: no scenario directory is configured and no"
                + " class path resource sim-scenarios/nope.json.");
  }

  @Test
  void a_missing_directory_leaves_the_class_path() {
    ScriptModels models = new ScriptModels(directory.resolve("absent"));

    assertThat(answer(models.model("hello"))).isEqualTo("Hello from the class path.");
    assertThat(refusal(models, "nope").code()).isEqualTo("model_not_found");
  }

  @Test
  void a_broken_file_is_a_server_error_naming_the_file_and_the_problem() throws Exception {
    Path file = directory.resolve("broken.json");
    Files.writeString(file, "{\"turns\": [{\"output\": [{\"type\": \"message\"}]}]}");

    SimError error = refusal(new ScriptModels(directory), "broken");

    assertThat(error.status()).isEqualTo(500);
    assertThat(error.detail().type()).isEqualTo("server_error");
    assertThat(error.code()).isEqualTo("server_error");
    assertThat(error.detail().param()).isNull();
    assertThat(error.getMessage())
        .isEqualTo(
            "Invalid scenario " + file + " at turns[0].output[0]: missing required key 'text'.");
  }

  @Test
  void broken_class_path_scenarios_are_server_errors_too() {
    ScriptModels models = new ScriptModels(null);

    SimError malformed = refusal(models, "broken-json");
    SimError badFault = refusal(models, "bad-fault");

    assertThat(malformed.status()).isEqualTo(500);
    assertThat(malformed.getMessage())
        .startsWith(
            "Invalid scenario class path resource sim-scenarios/broken-json.json: malformed JSON at"
                + " line 2, column ");
    assertThat(badFault.status()).isEqualTo(500);
    assertThat(badFault.getMessage())
        .startsWith(
            "Invalid scenario class path resource sim-scenarios/bad-fault.json at turns[1].fault:"
                + " Invalid fault directive 'explode_after:3' in the scenario.");
  }

  @Test
  void a_file_over_the_size_limit_is_refused() throws Exception {
    Path file = directory.resolve("huge.json");
    Files.write(file, new byte[ScenarioReader.MAX_BYTES + 10]);

    assertThat(refusal(new ScriptModels(directory), "huge").getMessage())
        .isEqualTo("Invalid scenario " + file + ": larger than 16777216 bytes.");
  }

  @Test
  void failures_are_not_remembered_so_a_fixed_or_added_file_is_found() throws Exception {
    ScriptModels models = new ScriptModels(directory);
    Path file = directory.resolve("later.json");

    assertThat(refusal(models, "later").code()).isEqualTo("model_not_found");
    Files.writeString(file, "{\"turns\": []}");
    assertThat(refusal(models, "later").status()).isEqualTo(500);
    Files.writeString(file, HELLO.formatted("fixed"));
    assertThat(answer(models.model("later"))).isEqualTo("fixed");
  }

  @Test
  void concurrent_first_loads_agree_on_one_model() throws Exception {
    Files.writeString(directory.resolve("shared.json"), HELLO.formatted("shared"));
    ScriptModels models = new ScriptModels(directory);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<SimModel>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<SimModel> load =
            () -> {
              start.await();
              return models.model("shared");
            };
        results.add(pool.submit(load));
      }
      start.countDown();
      SimModel first = results.get(0).get();
      for (Future<SimModel> result : results) {
        assertThat(result.get()).isSameAs(first);
      }
      assertThat(models.model("shared")).isSameAs(first);
    } finally {
      pool.shutdownNow();
    }
  }
}
