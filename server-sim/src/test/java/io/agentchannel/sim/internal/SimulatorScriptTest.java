package io.agentchannel.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.engine.TurnScript;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ReasoningItem;
import io.agentchannel.wire.model.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios replayed through the simulator, turn after turn along a response chain. */
class SimulatorScriptTest {

  private final Simulator simulator = new Simulator(SimOptions.defaults(), new SimMetrics());

  private static CreateRequest request(String model, List<Item> input) {
    return CreateRequest.builder().model(model).input(input).build();
  }

  private static Continuation after(StoredResponse parent) {
    return parent == null ? Continuation.none() : Continuation.cached(parent);
  }

  private PreparedTurn prepare(String model, StoredResponse parent, List<Item> input) {
    return simulator.prepare(
        request(model, input), after(parent), Simulator.Transport.HTTP, null, null);
  }

  /** Runs a turn to its terminal event and returns it as the store would keep it. */
  private StoredResponse run(String model, StoredResponse parent, List<Item> input) {
    PreparedTurn turn = prepare(model, parent, input);
    TurnScript script = turn.script();
    while (script.next() != null) {
      // Drain every event.
    }
    return turn.finished(script.finalResponse());
  }

  private static String text(Item item) {
    return ((MessageItem) item).content().get(0).text();
  }

  @Test
  void the_bundled_scenario_plays_a_tool_loop_along_the_chain() {
    String model = "script:two-tools-then-answer";

    StoredResponse first = run(model, null, List.of(MessageItem.user("Fix the build.")));
    List<Item> output = first.response().output();
    assertThat(output).hasSize(2);
    assertThat(output.get(0)).isInstanceOf(ReasoningItem.class);
    FunctionCallItem runTests = (FunctionCallItem) output.get(1);
    assertThat(runTests.callId()).isEqualTo("call_run_tests_1");
    assertThat(runTests.name()).isEqualTo("run_tests");
    assertThat(runTests.arguments()).isEqualTo("{\"path\":\"src\"}");

    StoredResponse second =
        run(model, first, List.of(FunctionCallOutputItem.of("call_run_tests_1", "ok")));
    FunctionCallItem readFile = (FunctionCallItem) second.response().output().get(0);
    assertThat(readFile.callId()).isEqualTo("call_read_file_1");

    StoredResponse third =
        run(model, second, List.of(FunctionCallOutputItem.of("call_read_file_1", "class Main {}")));
    assertThat(third.response().status()).isEqualTo(Response.STATUS_COMPLETED);
    assertThat(text(third.response().output().get(0)))
        .isEqualTo("All tests pass; Main.java needs no change.");
    assertThat(third.response().usage().outputTokens()).isEqualTo(3);

    SimError exhausted =
        catchThrowableOfType(
            SimError.class, () -> prepare(model, third, List.of(MessageItem.user("And now?"))));
    assertThat(exhausted.status()).isEqualTo(400);
    assertThat(exhausted.detail().param()).isEqualTo("previous_response_id");
  }

  @Test
  void every_ending_of_a_scenario_reaches_the_response() {
    String model = "script:every-ending";
    StoredResponse calls = run(model, null, List.of(MessageItem.user("Go.")));
    StoredResponse answer =
        run(model, calls, List.of(FunctionCallOutputItem.of("call_fixed_1", "green")));
    assertThat(text(answer.response().output().get(0))).isEqualTo("All green.");

    StoredResponse incomplete = run(model, answer, List.of(MessageItem.user("More.")));
    assertThat(incomplete.response().status()).isEqualTo(Response.STATUS_INCOMPLETE);
    assertThat(incomplete.response().incompleteDetails().reason()).isEqualTo("max_output_tokens");

    StoredResponse failed = run(model, incomplete, List.of(MessageItem.user("Again.")));
    assertThat(failed.response().status()).isEqualTo(Response.STATUS_FAILED);
    assertThat(failed.response().error().code()).isEqualTo("server_error");
    assertThat(failed.response().error().message()).isEqualTo("boom");

    List<Item> retry = List.of(MessageItem.user("Once more."));
    PreparedTurn faulted = prepare(model, failed, retry);
    assertThat(faulted.fault()).isEqualTo(new Fault(Fault.Kind.CLOSE_AFTER, 3, 0, 0));
    Fault fromHeader = Fault.parse("stall_after:1", "x-sim-fault");
    PreparedTurn overridden =
        simulator.prepare(
            request(model, retry), after(failed), Simulator.Transport.HTTP, null, fromHeader);
    assertThat(overridden.fault()).isSameAs(fromHeader);

    StoredResponse fifth = run(model, failed, retry);
    SimError limited =
        catchThrowableOfType(
            SimError.class, () -> prepare(model, fifth, List.of(MessageItem.user("Last."))));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.detail().headers()).containsEntry("retry-after", "2");
  }

  @Test
  void max_output_tokens_still_cuts_a_scripted_answer() {
    PreparedTurn turn =
        simulator.prepare(
            CreateRequest.builder().model("script:hello").input("Hi.").maxOutputTokens(2).build(),
            Continuation.none(),
            Simulator.Transport.HTTP,
            null,
            null);
    TurnScript script = turn.script();
    while (script.next() != null) {
      // Drain every event.
    }

    assertThat(script.finalResponse().status()).isEqualTo(Response.STATUS_INCOMPLETE);
    assertThat(text(script.finalResponse().output().get(0))).isEqualTo("Hello fr");
  }
}
