package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service's rules on tool calls in a conversation: every {@code function_call_output} answers a
 * {@code function_call} made earlier, and every function call has its output before the model runs
 * again. A client that loses a tool output fails here, loudly, as it would against the service.
 */
public final class ContextRules {

  private ContextRules() {}

  /**
   * @throws SimError a 400 naming the offending call id
   */
  public static void check(List<Item> context) {
    Set<String> calls = new HashSet<>();
    Set<String> unanswered = new LinkedHashSet<>();
    for (Item item : context) {
      if (item instanceof FunctionCallItem c) {
        calls.add(c.callId());
        unanswered.add(c.callId());
      } else if (item instanceof FunctionCallOutputItem o) {
        if (!calls.contains(o.callId())) {
          throw SimError.invalidRequest(
              null,
              "No tool call found for function call output with call_id " + o.callId() + ".",
              "input");
        }
        unanswered.remove(o.callId());
      }
    }
    if (!unanswered.isEmpty()) {
      throw SimError.invalidRequest(
          null,
          "No tool output found for function call " + unanswered.iterator().next() + ".",
          "input");
    }
  }
}
