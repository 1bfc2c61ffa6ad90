package io.agentchannel.sim.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TurnScriptTest {

  private static final CreateRequest REQUEST =
      CreateRequest.builder().model("echo").input(List.of(MessageItem.user("hi"))).build();

  private static TurnScript script(Plan plan, TurnCosts costs, String streamId) {
    Response start = ResponseFactory.inProgress("resp_1", REQUEST, 1);
    return new TurnScript(start, plan, new Ids(7), streamId, costs, Clock.systemUTC(), 10, 0);
  }

  private static List<TurnScript.Step> all(TurnScript script) {
    List<TurnScript.Step> steps = new ArrayList<>();
    TurnScript.Step step;
    while ((step = script.next()) != null) {
      steps.add(step);
    }
    return steps;
  }

  @Test
  void aTextAnswerFollowsTheServiceOrderWithSequenceNumbersFromZero() {
    List<TurnScript.Step> steps =
        all(
            script(
                Plan.completed(List.of(PlannedItem.Text.of("Hello there"))),
                TurnCosts.none(),
                null));

    assertThat(steps)
        .extracting(s -> s.event().type())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed");
    for (int i = 0; i < steps.size(); i++) {
      assertThat(steps.get(i).event().meta().sequenceNumber()).isEqualTo(i);
      assertThat(steps.get(i).event().meta().streamId()).isNull();
    }
    ServerEvent.ResponseCompleted done = (ServerEvent.ResponseCompleted) steps.get(10).event();
    assertThat(done.response().outputText()).isEqualTo("Hello there");
    assertThat(done.response().usage().outputTokens()).isEqualTo(3);
    assertThat(done.response().usage().totalTokens()).isEqualTo(13);
  }

  @Test
  void aFunctionCallStreamsItsArgumentsWithoutContentParts() {
    List<TurnScript.Step> steps =
        all(
            script(
                Plan.completed(List.of(PlannedItem.Call.of("run", "{\"a\":12345}"))),
                TurnCosts.none(),
                "lane-1"));

    assertThat(steps)
        .extracting(s -> s.event().type())
        .containsExactly(
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed");
    assertThat(steps).allSatisfy(s -> assertThat(s.event().meta().streamId()).isEqualTo("lane-1"));
    ServerEvent.ResponseCompleted done =
        (ServerEvent.ResponseCompleted) steps.get(steps.size() - 1).event();
    FunctionCallItem call = done.response().functionCalls().get(0);
    assertThat(call.arguments()).isEqualTo("{\"a\":12345}");
    assertThat(call.callId()).startsWith("call_");
    assertThat(call.id()).startsWith("fc_");
  }

  @Test
  void costsLandOnTheRightEvents() {
    long ms = 1_000_000;
    TurnCosts costs = new TurnCosts(5 * ms, 7 * ms, 100 * ms, 3 * ms, 0, new SplittableRandom(1));
    List<TurnScript.Step> steps =
        all(script(Plan.completed(List.of(PlannedItem.Text.of("abcdefgh"))), costs, null));

    assertThat(steps)
        .extracting(TurnScript.Step::delayNanos)
        .containsExactly(5 * ms, 0L, 107 * ms, 0L, 0L, 3 * ms, 0L, 0L, 0L, 0L);
  }

  @Test
  void aWarmUpPaysItsProcessingBeforeTheTerminalEvent() {
    long ms = 1_000_000;
    TurnCosts costs = new TurnCosts(0, 9 * ms, 100 * ms, 3 * ms, 0, new SplittableRandom(1));
    List<TurnScript.Step> steps = all(script(Plan.completed(List.of()), costs, null));

    assertThat(steps)
        .extracting(s -> s.event().type())
        .containsExactly("response.created", "response.in_progress", "response.completed");
    assertThat(steps.get(2).delayNanos()).isEqualTo(9 * ms);
  }

  @Test
  void jitterStaysWithinItsBand() {
    TurnCosts costs =
        new TurnCosts(0, 0, 0, Duration.ofMillis(10).toNanos(), 0.2, new SplittableRandom(3));
    for (int i = 0; i < 1000; i++) {
      assertThat(costs.jittered(10_000_000)).isBetween(8_000_000L, 12_000_000L);
    }
  }

  @Test
  void aFailurePlanEndsWithResponseFailedCarryingTheError() {
    ErrorDetail error = new ErrorDetail(null, "server_error", "boom", null, Map.of());
    List<TurnScript.Step> steps =
        all(
            script(
                new Plan(List.of(PlannedItem.Text.of("x")), error, null, null),
                TurnCosts.none(),
                null));

    ServerEvent last = steps.get(steps.size() - 1).event();
    assertThat(last).isInstanceOf(ServerEvent.ResponseFailed.class);
    Response failed = ((ServerEvent.ResponseFailed) last).response();
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error().code()).isEqualTo("server_error");
    assertThat(failed.completedAt()).isNull();
  }

  @Test
  void maxOutputTokensCutsTheAnswerAndEndsIncomplete() {
    Plan plan = Plan.completed(List.of(PlannedItem.Text.of("0123456789abcdef"))).limitedTo(2);
    List<TurnScript.Step> steps = all(script(plan, TurnCosts.none(), null));

    ServerEvent last = steps.get(steps.size() - 1).event();
    assertThat(last).isInstanceOf(ServerEvent.ResponseIncomplete.class);
    Response r = ((ServerEvent.ResponseIncomplete) last).response();
    assertThat(r.incompleteDetails().reason()).isEqualTo("max_output_tokens");
    assertThat(r.outputText()).isEqualTo("01234567");
  }

  @Test
  void reasoningStreamsItsSummaryPart() {
    List<TurnScript.Step> steps =
        all(
            script(
                Plan.completed(List.of(new PlannedItem.Reasoning(List.of("Think", "ing")))),
                TurnCosts.none(),
                null));

    assertThat(steps)
        .extracting(s -> s.event().type())
        .containsSubsequence(
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done");
  }
}
