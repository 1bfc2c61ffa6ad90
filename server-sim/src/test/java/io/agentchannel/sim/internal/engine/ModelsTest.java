package io.agentchannel.sim.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ModelsTest {

  private static final FunctionTool TOOL = new FunctionTool("run", null, null, false, Map.of());

  private static TurnInput input(String model, List<Item> context, int defaultCalls) {
    CreateRequest request =
        CreateRequest.builder().model(model).input(context).tools(List.of(TOOL)).build();
    return new TurnInput(
        request, context, 0, Directives.of(context), new SplittableRandom(1), defaultCalls);
  }

  @Test
  void echoRepeatsTheLatestUserMessage() {
    Plan plan = new EchoModel().plan(input("echo", List.of(MessageItem.user("ping")), 3));

    assertThat(((PlannedItem.Text) plan.items().get(0)).text()).isEqualTo("echo: ping");
  }

  @Test
  void echoAnswersWithExactlyTheTokensAskedFor() {
    Plan plan =
        new EchoModel()
            .plan(input("echo", List.of(MessageItem.user("go [sim answer_tokens=50]")), 3));

    assertThat(plan.outputTokens()).isEqualTo(50);
  }

  @Test
  void toolLoopCallsNTimesThenAnswersWithTheDigestOfEveryOutput() {
    List<Item> context = new ArrayList<>(List.of(MessageItem.user("task [sim tool_calls=2]")));
    ToolLoopModel model = new ToolLoopModel();
    for (int round = 0; round < 2; round++) {
      Plan plan = model.plan(input("tool-loop", context, 9));
      PlannedItem.Call call = (PlannedItem.Call) plan.items().get(0);
      assertThat(call.name()).isEqualTo("run");
      assertThat(call.arguments()).contains("\"step\":" + (round + 1)).contains("\"of\":2");
      String callId = "call_" + round;
      context.add(
          new FunctionCallItem(
              "fc_" + round, callId, "run", call.arguments(), "completed", Map.of()));
      context.add(FunctionCallOutputItem.of(callId, "out-" + round));
    }
    Plan answer = model.plan(input("tool-loop", context, 9));

    String text = ((PlannedItem.Text) answer.items().get(0)).text();
    assertThat(text)
        .isEqualTo(ToolLoopDigest.answer(context))
        .startsWith("tool outputs: 2; digest: ");
  }

  @Test
  void theDigestChangesWhenAnOutputIsLostDuplicatedOrReordered() {
    List<FunctionCallOutputItem> sent =
        List.of(FunctionCallOutputItem.of("a", "1"), FunctionCallOutputItem.of("b", "2"));
    String digest = ToolLoopDigest.digest(sent);

    assertThat(ToolLoopDigest.digest(List.of(sent.get(0)))).isNotEqualTo(digest);
    assertThat(ToolLoopDigest.digest(List.of(sent.get(0), sent.get(1), sent.get(1))))
        .isNotEqualTo(digest);
    assertThat(ToolLoopDigest.digest(List.of(sent.get(1), sent.get(0)))).isNotEqualTo(digest);
    assertThat(
            ToolLoopDigest.digest(
                List.of(FunctionCallOutputItem.of("a", "1"), FunctionCallOutputItem.of("b", "2"))))
        .isEqualTo(digest);
  }

  @Test
  void unknownModelNamesGetTheDefaultModel() {
    Models models = new Models("tool-loop", new ScriptModels(null));

    assertThat(models.select("gpt-5.5")).isInstanceOf(ToolLoopModel.class);
    assertThat(models.select("echo")).isInstanceOf(EchoModel.class);
    assertThat(new Models("gpt-x", new ScriptModels(null)).select("anything"))
        .isInstanceOf(EchoModel.class);
  }

  @Test
  void aBadDirectiveIsRefusedNamingIt() {
    SimError e =
        catchThrowableOfType(
            SimError.class,
            () ->
                new ToolLoopModel()
                    .plan(
                        input("tool-loop", List.of(MessageItem.user("[sim tool_calls=lots]")), 3)));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("tool_calls=lots");
  }

  @Test
  void outputsMustAnswerKnownCallsAndEveryCallNeedsItsOutput() {
    SimError orphan =
        catchThrowableOfType(
            SimError.class,
            () -> ContextRules.check(List.of(FunctionCallOutputItem.of("call_x", "1"))));
    SimError unanswered =
        catchThrowableOfType(
            SimError.class,
            () ->
                ContextRules.check(
                    List.of(
                        new FunctionCallItem("fc", "call_y", "run", "{}", "completed", Map.of()),
                        MessageItem.user("next"))));

    assertThat(orphan.getMessage()).contains("call_x");
    assertThat(unanswered.getMessage()).isEqualTo("No tool output found for function call call_y.");
  }

  @Test
  void tokensNeverSplitASurrogatePair() {
    String text = "ab\uD83D\uDE00cdefg";

    assertThat(String.join("", Tokens.chunks(text))).isEqualTo(text);
    assertThat(Tokens.chunks(text))
        .allSatisfy(c -> assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).isFalse());
  }

  @Test
  void idsAreDeterministicForASeedAndCarryTheServicePrefixes() {
    Ids a = new Ids(42);
    Ids b = new Ids(42);

    assertThat(a.response()).isEqualTo(b.response()).startsWith("resp_");
    assertThat(a.callId()).isEqualTo(b.callId()).startsWith("call_");
    assertThat(new Ids(43).response()).isNotEqualTo(new Ids(42).response());
  }
}
