package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.data.ToolLoopDigest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Tool;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the offered function tools N times, then answers with {@link ToolLoopDigest#answer}: the
 * number of tool outputs it received and their digest, so the client can prove that none was lost,
 * duplicated or reordered.
 *
 * <p>N is {@code [sim tool_calls=N]} from the user message, else the server's setting. The calls
 * counted are those since the latest user message, so a new task starts a new loop. Tools are used
 * round-robin in the order offered. With {@code [sim calls_per_turn=K]} (and {@code
 * parallel_tool_calls} not false) a turn makes up to K calls at once. The arguments are a JSON
 * object {@code {"step":s,"of":N,"nonce":"…"}} with a seeded nonce, streamed token by token. With
 * no function tool offered it answers at once.
 */
public final class ToolLoopModel implements SimModel {

  @Override
  public Plan plan(TurnInput input) {
    List<FunctionTool> tools = functionTools(input.request().tools());
    int target = input.directives().intValue("tool_calls", input.defaultToolCalls());
    int made = callsSinceLatestUserMessage(input.context());
    if (tools.isEmpty() || made >= target) {
      return Plan.completed(List.of(PlannedItem.Text.of(ToolLoopDigest.answer(input.context()))));
    }
    int perTurn = Math.max(1, input.directives().intValue("calls_per_turn", 1));
    if (Boolean.FALSE.equals(input.request().parallelToolCalls())) {
      perTurn = 1;
    }
    List<PlannedItem> calls = new ArrayList<>();
    for (int step = made; step < Math.min(target, made + perTurn); step++) {
      FunctionTool tool = tools.get(step % tools.size());
      String nonce = Long.toHexString(input.random().nextLong());
      String arguments =
          "{\"step\":" + (step + 1) + ",\"of\":" + target + ",\"nonce\":\"" + nonce + "\"}";
      calls.add(PlannedItem.Call.of(tool.name(), arguments));
    }
    return Plan.completed(calls);
  }

  private static List<FunctionTool> functionTools(List<Tool> tools) {
    if (tools == null) {
      return List.of();
    }
    List<FunctionTool> functions = new ArrayList<>(tools.size());
    for (Tool tool : tools) {
      if (tool instanceof FunctionTool function) {
        functions.add(function);
      }
    }
    return functions;
  }

  private static int callsSinceLatestUserMessage(List<Item> context) {
    int calls = 0;
    for (int i = context.size() - 1; i >= 0; i--) {
      Item item = context.get(i);
      if (item instanceof MessageItem m && "user".equals(m.role())) {
        break;
      }
      if (item instanceof FunctionCallItem) {
        calls++;
      }
    }
    return calls;
  }
}
