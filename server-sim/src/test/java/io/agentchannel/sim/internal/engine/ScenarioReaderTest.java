package io.agentchannel.sim.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.sim.internal.engine.ScenarioReader.InvalidScenarioException;
import io.agentchannel.wire.model.ErrorDetail;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioReaderTest {

  private static final String SOURCE = "scenarios/demo.json";

  private static Scenario read(String json) {
    return ScenarioReader.read("demo", SOURCE, json.getBytes(UTF_8));
  }

  private static Plan plan(Scenario scenario, int turn) {
    return ((Scenario.Reply) scenario.turns().get(turn)).plan();
  }

  private static Plan onlyPlan(String turnJson) {
    return plan(read("{\"turns\":[" + turnJson + "]}"), 0);
  }

  @Test
  void reads_every_field_of_every_kind_of_turn() {
    Scenario scenario =
        read(
            """
            {
              "name": "demo",
              "description": "every kind of turn",
              "turns": [
                {"output": [
                   {"type": "reasoning", "summary": "Need the tests first."},
                   {"type": "function_call", "name": "run_tests",
                    "arguments": "{\\"path\\":\\"src\\"}", "call_id": "call_fixed_1"}
                ]},
                {"output": [{"type": "message", "text": "All green.", "chunks": ["All ", "green."]}]},
                {"status": "incomplete", "reason": "content_filter",
                 "output": [{"type": "message", "text": "Trunc"}]},
                {"failure": {"code": "server_error", "message": "boom"}},
                {"fault": "close_after:3", "output": [{"type": "message", "text": "never finished"}]},
                {"error": {"status": 400, "type": "invalid_request_error", "code": "bad",
                           "message": "No.", "param": "input"}},
                {"error": {"status": 429, "retry_after": 2}}
              ]
            }
            """);

    assertThat(scenario.name()).isEqualTo("demo");
    assertThat(scenario.source()).isEqualTo(SOURCE);
    assertThat(scenario.turns()).hasSize(7);

    Plan first = plan(scenario, 0);
    assertThat(first.items())
        .containsExactly(
            new PlannedItem.Reasoning(Tokens.chunks("Need the tests first.")),
            new PlannedItem.Call("run_tests", "call_fixed_1", Tokens.chunks("{\"path\":\"src\"}")));
    assertThat(first.failure()).isNull();
    assertThat(first.incompleteReason()).isNull();
    assertThat(first.fault()).isNull();

    assertThat(plan(scenario, 1))
        .isEqualTo(Plan.completed(List.of(new PlannedItem.Text(List.of("All ", "green.")))));
    assertThat(plan(scenario, 2))
        .isEqualTo(new Plan(List.of(PlannedItem.Text.of("Trunc")), null, "content_filter", null));
    assertThat(plan(scenario, 3))
        .isEqualTo(
            new Plan(List.of(), ErrorDetail.of(null, "server_error", "boom", null), null, null));
    assertThat(plan(scenario, 4))
        .isEqualTo(
            new Plan(List.of(PlannedItem.Text.of("never finished")), null, null, "close_after:3"));
    assertThat(scenario.turns().get(5))
        .isEqualTo(new Scenario.Refusal(400, "invalid_request_error", "bad", "No.", "input", 0));
    assertThat(scenario.turns().get(6))
        .isEqualTo(new Scenario.Refusal(429, null, null, null, null, 2));
  }

  @Test
  void an_empty_turn_completes_with_no_output() {
    assertThat(onlyPlan("{}")).isEqualTo(Plan.completed(List.of()));
    assertThat(onlyPlan("{\"output\": [], \"status\": \"completed\"}"))
        .isEqualTo(Plan.completed(List.of()));
  }

  @Test
  void name_and_description_are_optional() {
    Scenario scenario = read("{\"turns\": [{}]}");

    assertThat(scenario.name()).isEqualTo("demo");
    assertThat(scenario.turns()).containsExactly(new Scenario.Reply(Plan.completed(List.of())));
  }

  @Test
  void an_incomplete_turn_defaults_to_max_output_tokens() {
    assertThat(onlyPlan("{\"status\": \"incomplete\"}").incompleteReason())
        .isEqualTo("max_output_tokens")
        .isEqualTo(ScenarioReader.DEFAULT_INCOMPLETE_REASON);
  }

  @Test
  void a_failure_defaults_to_the_service_generic_server_error() {
    ErrorDetail generic =
        ErrorDetail.of(
            null,
            "server_error",
            "The server had an error while processing your request. Sorry about that!",
            null);

    assertThat(onlyPlan("{\"status\": \"failed\"}").failure()).isEqualTo(generic);
    assertThat(onlyPlan("{\"failure\": {}}").failure()).isEqualTo(generic);
    assertThat(onlyPlan("{\"status\": \"failed\", \"failure\": {\"code\": \"x\"}}").failure())
        .isEqualTo(ErrorDetail.of(null, "x", generic.message(), null));
    assertThat(onlyPlan("{\"failure\": {\"message\": \"m\"}}").failure())
        .isEqualTo(ErrorDetail.of(null, "server_error", "m", null));
  }

  @Test
  void a_function_call_defaults_to_empty_object_arguments_and_a_generated_call_id() {
    assertThat(onlyPlan("{\"output\": [{\"type\": \"function_call\", \"name\": \"f\"}]}").items())
        .containsExactly(new PlannedItem.Call("f", null, List.of("{}")));
  }

  @Test
  void function_call_arguments_may_be_given_as_json_and_are_written_compact() {
    Plan plan =
        onlyPlan(
            """
            {"output": [
              {"type": "function_call", "name": "f", "arguments": { "path" : "src", "n": [1, 2] }},
              {"type": "function_call", "name": "g", "arguments": [ true ]}
            ]}
            """);

    assertThat(plan.items())
        .extracting(item -> ((PlannedItem.Call) item).arguments())
        .containsExactly("{\"path\":\"src\",\"n\":[1,2]}", "[true]");
  }

  @Test
  void chunks_control_how_every_item_streams() {
    Plan plan =
        onlyPlan(
            """
            {"output": [
              {"type": "reasoning", "summary": "Think.", "chunks": ["Thi", "nk."]},
              {"type": "function_call", "name": "f", "arguments": "{}", "chunks": ["{", "}"]},
              {"type": "message", "text": "Hi there", "chunks": ["Hi there"]}
            ]}
            """);

    assertThat(plan.items())
        .containsExactly(
            new PlannedItem.Reasoning(List.of("Thi", "nk.")),
            new PlannedItem.Call("f", null, List.of("{", "}")),
            new PlannedItem.Text(List.of("Hi there")));
    assertThat(plan.outputTokens()).isEqualTo(5);
  }

  @Test
  void a_reasoning_item_without_summary_streams_no_summary() {
    assertThat(onlyPlan("{\"output\": [{\"type\": \"reasoning\"}]}").items())
        .containsExactly(new PlannedItem.Reasoning(List.of()));
  }

  @Test
  void an_empty_message_is_allowed() {
    assertThat(onlyPlan("{\"output\": [{\"type\": \"message\", \"text\": \"\"}]}").items())
        .containsExactly(new PlannedItem.Text(List.of()));
  }

  @Test
  void null_counts_as_absent() {
    Plan plan =
        onlyPlan(
            """
            {"output": [{"type": "function_call", "name": "f", "arguments": null,
                         "call_id": null, "chunks": null}],
             "status": null, "reason": null, "failure": null, "fault": null, "error": null}
            """);

    assertThat(plan)
        .isEqualTo(Plan.completed(List.of(new PlannedItem.Call("f", null, List.of("{}")))));
  }

  @Test
  void a_429_defaults_to_retry_after_one_second_and_other_statuses_to_none() {
    Scenario scenario =
        read("{\"turns\": [{\"error\": {\"status\": 429}}, {\"error\": {\"status\": 503}}]}");

    assertThat(scenario.turns())
        .containsExactly(
            new Scenario.Refusal(429, null, null, null, null, 1),
            new Scenario.Refusal(503, null, null, null, null, 0));
  }

  @Test
  void a_fault_directive_is_kept_as_written() {
    assertThat(onlyPlan("{\"fault\": \"Status:500\"}").fault()).isEqualTo("Status:500");
  }

  @Test
  void the_error_names_the_source_of_malformed_json_and_where() {
    assertThatThrownBy(() -> read("{\"turns\": [\n  {\"output\": [}\n]}"))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessageStartingWith(
            "Invalid scenario scenarios/demo.json: malformed JSON at line 2, column 15: ")
        .hasMessageContaining("Unexpected close marker '}'");
  }

  @Test
  void duplicate_keys_and_trailing_content_are_malformed_json() {
    assertThatThrownBy(() -> read("{\"turns\": [{}], \"turns\": [{}]}"))
        .hasMessageStartingWith("Invalid scenario scenarios/demo.json: malformed JSON at line 1")
        .hasMessageContaining("Duplicate field 'turns'");
    assertThatThrownBy(() -> read("{\"turns\": [{}]} {}"))
        .hasMessageStartingWith("Invalid scenario scenarios/demo.json: malformed JSON at line 1")
        .hasMessageContaining("Trailing token");
  }

  @Test
  void a_scenario_larger_than_the_limit_is_refused_unparsed() {
    byte[] huge = new byte[ScenarioReader.MAX_BYTES + 1];

    assertThatThrownBy(() -> ScenarioReader.read("demo", SOURCE, huge))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessage("Invalid scenario scenarios/demo.json: larger than 16777216 bytes.");
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidScenarios")
  void every_problem_is_named_with_the_source_and_the_place(String json, String message) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(InvalidScenarioException.class)
        .hasMessage("Invalid scenario scenarios/demo.json" + message);
  }

  static Stream<Arguments> invalidScenarios() {
    return Stream.of(
        // The top level.
        Arguments.of("", ": expected a JSON object, got an empty text."),
        Arguments.of("  ", ": expected a JSON object, got an empty text."),
        Arguments.of("[]", ": expected a JSON object, got an array."),
        Arguments.of("\"x\"", ": expected a JSON object, got a string."),
        Arguments.of("{}", ": missing required key 'turns'."),
        Arguments.of(
            "{\"turns\": [{}], \"steps\": []}",
            ": unknown key 'steps'; expected one of name, description, turns."),
        Arguments.of(
            "{\"name\": \"other\", \"turns\": [{}]}",
            " at name: expected 'demo', the name the scenario is requested by, got 'other'."),
        Arguments.of(
            "{\"name\": 3, \"turns\": [{}]}", " at name: expected a string, got the number 3."),
        Arguments.of(
            "{\"description\": [], \"turns\": [{}]}",
            " at description: expected a string, got an array."),
        Arguments.of("{\"turns\": {}}", " at turns: expected an array, got an object."),
        Arguments.of("{\"turns\": []}", " at turns: expected at least one turn."),
        // A turn.
        Arguments.of("{\"turns\": [{}, 7]}", " at turns[1]: expected an object, got the number 7."),
        Arguments.of(
            "{\"turns\": [{\"outputs\": []}]}",
            " at turns[0]: unknown key 'outputs'; expected one of output, status, reason, failure,"
                + " fault, error."),
        Arguments.of(
            "{\"turns\": [{\"status\": \"done\"}]}",
            " at turns[0].status: expected one of completed, incomplete, failed, got 'done'."),
        Arguments.of(
            "{\"turns\": [{\"status\": true}]}",
            " at turns[0].status: expected a string, got a boolean."),
        Arguments.of(
            "{\"turns\": [{\"status\": \"incomplete\", \"failure\": {}}]}",
            " at turns[0].failure: only a failed turn has a failure, but status is 'incomplete'."),
        Arguments.of(
            "{\"turns\": [{\"status\": \"completed\", \"failure\": {}}]}",
            " at turns[0].failure: only a failed turn has a failure, but status is 'completed'."),
        Arguments.of(
            "{\"turns\": [{\"reason\": \"max_output_tokens\"}]}",
            " at turns[0].reason: only an incomplete turn has a reason, but status is 'completed'."),
        Arguments.of(
            "{\"turns\": [{\"failure\": {}, \"reason\": \"x\"}]}",
            " at turns[0].reason: only an incomplete turn has a reason, but status is 'failed'."),
        Arguments.of(
            "{\"turns\": [{\"status\": \"incomplete\", \"reason\": \"\"}]}",
            " at turns[0].reason: expected a non-empty string."),
        Arguments.of(
            "{\"turns\": [{\"failure\": \"boom\"}]}",
            " at turns[0].failure: expected an object, got a string."),
        Arguments.of(
            "{\"turns\": [{\"failure\": {\"type\": \"server_error\"}}]}",
            " at turns[0].failure: unknown key 'type'; expected one of code, message."),
        Arguments.of(
            "{\"turns\": [{\"failure\": {\"code\": 500}}]}",
            " at turns[0].failure.code: expected a string, got the number 500."),
        Arguments.of(
            "{\"turns\": [{}, {\"fault\": \"explode_after:3\"}]}",
            " at turns[1].fault: Invalid fault directive 'explode_after:3' in the scenario. Expected"
                + " one of: status:<code>[:<retry-after>], close_after:<k>, stall_after:<k>,"
                + " error_after:<k>, fail_after:<k>, ws_close:<code>[:<k>], malformed_after:<k>,"
                + " oversized_after:<k>[:<bytes>], previous_response_not_found, connection_limit."),
        Arguments.of(
            "{\"turns\": [{\"fault\": \"close_after\"}]}",
            " at turns[0].fault: Invalid fault directive 'close_after' in the scenario. Expected"
                + " one of: status:<code>[:<retry-after>], close_after:<k>, stall_after:<k>,"
                + " error_after:<k>, fail_after:<k>, ws_close:<code>[:<k>], malformed_after:<k>,"
                + " oversized_after:<k>[:<bytes>], previous_response_not_found, connection_limit."),
        Arguments.of(
            "{\"turns\": [{\"fault\": 3}]}",
            " at turns[0].fault: expected a string, got the number 3."),
        // A refusing turn.
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 429}, \"output\": []}]}",
            " at turns[0]: a turn with 'error' refuses the request and takes no other key, got"
                + " 'output'."),
        Arguments.of(
            "{\"turns\": [{\"fault\": \"close_after:1\", \"error\": {\"status\": 429}}]}",
            " at turns[0]: a turn with 'error' refuses the request and takes no other key, got"
                + " 'fault'."),
        Arguments.of(
            "{\"turns\": [{\"error\": 429}]}",
            " at turns[0].error: expected an object, got the number 429."),
        Arguments.of(
            "{\"turns\": [{\"error\": {}}]}", " at turns[0].error: missing required key 'status'."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": \"429\"}}]}",
            " at turns[0].error.status: expected an integer, got a string."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 429.5}}]}",
            " at turns[0].error.status: expected an integer, got the number 429.5."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 200}}]}",
            " at turns[0].error.status: expected an HTTP error status within [400, 599], got 200."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 600}}]}",
            " at turns[0].error.status: expected an HTTP error status within [400, 599], got 600."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 503, \"retry_after\": 2}}]}",
            " at turns[0].error.retry_after: only a 429 takes retry_after, but status is 503."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 429, \"retry_after\": -1}}]}",
            " at turns[0].error.retry_after: expected a non-negative integer, got -1."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 429, \"retry_after\": \"2\"}}]}",
            " at turns[0].error.retry_after: expected an integer, got a string."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 429, \"retry-after\": 2}}]}",
            " at turns[0].error: unknown key 'retry-after'; expected one of status, type, code,"
                + " message, param, retry_after."),
        Arguments.of(
            "{\"turns\": [{\"error\": {\"status\": 400, \"param\": 1}}]}",
            " at turns[0].error.param: expected a string, got the number 1."),
        // Output items.
        Arguments.of(
            "{\"turns\": [{\"output\": {}}]}",
            " at turns[0].output: expected an array, got an object."),
        Arguments.of(
            "{\"turns\": [{\"output\": [\"hi\"]}]}",
            " at turns[0].output[0]: expected an object, got a string."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"text\": \"hi\"}]}]}",
            " at turns[0].output[0]: missing required key 'type'."),
        Arguments.of(
            "{\"turns\": [{}, {\"output\": [{}, {\"type\": \"image\"}]}]}",
            " at turns[1].output[0]: missing required key 'type'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"image\"}]}]}",
            " at turns[0].output[0].type: expected one of message, function_call, reasoning, got"
                + " 'image'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\"}]}]}",
            " at turns[0].output[0]: missing required key 'text'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": [\"a\"]}]}]}",
            " at turns[0].output[0].text: expected a string, got an array."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"a\", \"call_id\": \"c\"}]}]}",
            " at turns[0].output[0]: unknown key 'call_id'; expected one of type, text, chunks."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"ab\", \"chunks\": \"ab\"}]}]}",
            " at turns[0].output[0].chunks: expected an array, got a string."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"ab\", \"chunks\": [\"a\", 1]}]}]}",
            " at turns[0].output[0].chunks[1]: expected a string, got the number 1."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"ab\", \"chunks\": [\"ab\", \"\"]}]}]}",
            " at turns[0].output[0].chunks[1]: expected a non-empty string."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"message\", \"text\": \"All green.\","
                + " \"chunks\": [\"All \", \"green\"]}]}]}",
            " at turns[0].output[0].chunks: the chunks join to 'All green', but text is 'All"
                + " green.'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\"}]}]}",
            " at turns[0].output[0]: missing required key 'name'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"\"}]}]}",
            " at turns[0].output[0].name: expected a non-empty string."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"f\", \"arguments\": 1}]}]}",
            " at turns[0].output[0].arguments: expected a string, or a JSON object or array, got the"
                + " number 1."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"f\","
                + " \"chunks\": [\"{\"]}]}]}",
            " at turns[0].output[0].chunks: the chunks join to '{', but arguments is '{}'."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"f\", \"call_id\": \"\"}]}]}",
            " at turns[0].output[0].call_id: expected a non-empty string."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"f\", \"call_id\": \"c1\"}]},"
                + " {\"output\": [{\"type\": \"message\", \"text\": \"x\"},"
                + " {\"type\": \"function_call\", \"name\": \"g\", \"call_id\": \"c1\"}]}]}",
            " at turns[1].output[1].call_id: 'c1' is already used at turns[0].output[0].call_id."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"function_call\", \"name\": \"f\", \"text\": \"x\"}]}]}",
            " at turns[0].output[0]: unknown key 'text'; expected one of type, name, arguments,"
                + " call_id, chunks."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"reasoning\", \"summary\": {}}]}]}",
            " at turns[0].output[0].summary: expected a string, got an object."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"reasoning\", \"chunks\": [\"x\"]}]}]}",
            " at turns[0].output[0].chunks: the chunks join to 'x', but summary is ''."),
        Arguments.of(
            "{\"turns\": [{\"output\": [{\"type\": \"reasoning\", \"text\": \"x\"}]}]}",
            " at turns[0].output[0]: unknown key 'text'; expected one of type, summary, chunks."));
  }
}
