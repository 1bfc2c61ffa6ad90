package io.agentchannel.sim.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.ErrorDetail;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScriptModelTest {

  private static final ScriptModel EVERY_ENDING =
      model(
          "every-ending",
          """
          {"turns": [
            {"output": [
               {"type": "reasoning", "summary": "Need the tests first."},
               {"type": "function_call", "name": "run_tests", "arguments": "{}", "call_id": "c1"}
            ]},
            {"output": [{"type": "message", "text": "All green.", "chunks": ["All ", "green."]}]},
            {"status": "incomplete", "output": [{"type": "message", "text": "Trunc"}]},
            {"failure": {"code": "server_error", "message": "boom"}},
            {"fault": "close_after:3", "output": [{"type": "message", "text": "never finished"}]},
            {"error": {"status": 429, "retry_after": 2}}
          ]}
          """);

  private static ScriptModel model(String name, String json) {
    return new ScriptModel(ScenarioReader.read(name, name + ".json", json.getBytes(UTF_8)));
  }

  /** A turn whose chain already holds {@code priorResponses} responses. */
  private static TurnInput turn(int priorResponses) {
    return new TurnInput(
        null, List.of(), priorResponses, Directives.none(), new SplittableRandom(1), 3);
  }

  @Test
  void the_chain_length_selects_the_turn() {
    assertThat(EVERY_ENDING.plan(turn(0)).items())
        .containsExactly(
            new PlannedItem.Reasoning(Tokens.chunks("Need the tests first.")),
            new PlannedItem.Call("run_tests", "c1", List.of("{}")));
    assertThat(EVERY_ENDING.plan(turn(1)))
        .isEqualTo(Plan.completed(List.of(new PlannedItem.Text(List.of("All ", "green.")))));
    assertThat(EVERY_ENDING.plan(turn(2)))
        .isEqualTo(
            new Plan(List.of(PlannedItem.Text.of("Trunc")), null, "max_output_tokens", null));
    assertThat(EVERY_ENDING.plan(turn(3)))
        .isEqualTo(
            new Plan(List.of(), ErrorDetail.of(null, "server_error", "boom", null), null, null));
    assertThat(EVERY_ENDING.plan(turn(4)))
        .isEqualTo(
            new Plan(List.of(PlannedItem.Text.of("never finished")), null, null, "close_after:3"));
  }

  @Test
  void replaying_is_stateless_and_deterministic() {
    Plan first = EVERY_ENDING.plan(turn(1));

    assertThat(EVERY_ENDING.plan(turn(0))).isNotEqualTo(first);
    assertThat(EVERY_ENDING.plan(turn(1))).isEqualTo(first);
  }

  @Test
  void a_429_turn_refuses_like_a_status_fault_with_its_retry_after() {
    SimError error = catchThrowableOfType(SimError.class, () -> EVERY_ENDING.plan(turn(5)));

    assertThat(error.status()).isEqualTo(429);
    assertThat(error.detail().type()).isEqualTo("requests");
    assertThat(error.code()).isEqualTo("rate_limit_exceeded");
    assertThat(error.getMessage())
        .isEqualTo("Rate limit reached for requests. Please try again in 2s.");
    assertThat(error.detail().param()).isNull();
    assertThat(error.detail().headers())
        .containsEntry("retry-after", "2")
        .containsEntry("x-ratelimit-remaining-requests", "0")
        .containsEntry("x-ratelimit-reset-requests", "2s");
  }

  @Test
  void each_refusal_is_a_new_error() {
    SimError first = catchThrowableOfType(SimError.class, () -> EVERY_ENDING.plan(turn(5)));
    SimError second = catchThrowableOfType(SimError.class, () -> EVERY_ENDING.plan(turn(5)));

    assertThat(second).isNotSameAs(first);
    assertThat(second.detail()).isEqualTo(first.detail());
  }

  @Test
  void a_refusal_keeps_the_status_defaults_it_does_not_override() {
    ScriptModel model =
        model(
            "errors",
            """
            {"turns": [
              {"error": {"status": 503}},
              {"error": {"status": 400, "code": "context_length_exceeded",
                         "message": "Your input exceeds the context window.", "param": "input"}},
              {"error": {"status": 418, "type": "teapot_error"}}
            ]}
            """);

    SimError overloaded = catchThrowableOfType(SimError.class, () -> model.plan(turn(0)));
    SimError tooLong = catchThrowableOfType(SimError.class, () -> model.plan(turn(1)));
    SimError teapot = catchThrowableOfType(SimError.class, () -> model.plan(turn(2)));

    assertThat(overloaded.status()).isEqualTo(503);
    assertThat(overloaded.detail())
        .isEqualTo(
            new ErrorDetail(
                "server_error",
                null,
                "The engine is currently overloaded, please try again later.",
                null,
                null));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.detail())
        .isEqualTo(
            new ErrorDetail(
                "invalid_request_error",
                "context_length_exceeded",
                "Your input exceeds the context window.",
                "input",
                null));
    assertThat(teapot.status()).isEqualTo(418);
    assertThat(teapot.detail())
        .isEqualTo(
            new ErrorDetail("teapot_error", null, "Simulated error with status 418.", null, null));
  }

  @Test
  void a_chain_longer_than_the_scenario_is_refused_on_previous_response_id() {
    SimError error = catchThrowableOfType(SimError.class, () -> EVERY_ENDING.plan(turn(6)));

    assertThat(error.status()).isEqualTo(400);
    assertThat(error.detail())
        .isEqualTo(
            new ErrorDetail(
                "invalid_request_error",
                "invalid_value",
                "Scenario 'every-ending' has 6 turns; this request would be turn 7. Start a new"
                    + " conversation, without previous_response_id, to replay it.",
                "previous_response_id",
                null));
  }

  @Test
  void a_one_turn_scenario_says_turn_in_the_singular() {
    ScriptModel model = model("once", "{\"turns\": [{}]}");

    assertThat(model.plan(turn(0))).isEqualTo(Plan.completed(List.of()));
    assertThat(catchThrowableOfType(SimError.class, () -> model.plan(turn(3))))
        .hasMessage(
            "Scenario 'once' has 1 turn; this request would be turn 4. Start a new conversation,"
                + " without previous_response_id, to replay it.");
  }

  @Test
  void the_model_exposes_its_scenario() {
    assertThat(EVERY_ENDING.scenario().name()).isEqualTo("every-ending");
    assertThat(EVERY_ENDING.scenario().turns()).hasSize(6);
  }
}
