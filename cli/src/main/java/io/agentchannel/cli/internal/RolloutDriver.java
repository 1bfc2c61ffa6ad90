package io.agentchannel.cli.internal;

import io.agentchannel.AgentChannel;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one rollout (turns until the model answers without tool calls) over an {@link AgentChannel}.
 * The seam the benchmark and {@code agentchannel run} drive rollouts through, so that the project's
 * agent runtime can replace {@link ChannelRolloutDriver} without touching them.
 *
 * <p>Implementations are stateless between rollouts and may run several rollouts at once on
 * different channels.
 */
public interface RolloutDriver {

  /** Answers one function call; called on the driver's thread, one call at a time. */
  @FunctionalInterface
  interface Tools {
    String call(FunctionCallItem call);
  }

  /**
   * What a rollout did.
   *
   * @param last the final response (the one without tool calls)
   * @param turns the responses created, the first included
   * @param outputs every tool output sent, in order
   */
  record Result(Response last, int turns, List<FunctionCallOutputItem> outputs) {}

  /**
   * Runs the rollout that starts with {@code first}, continuing each turn with {@code
   * previous_response_id} and the tools' outputs.
   *
   * @param events sees every event of every turn, in order (e.g. to print text as it streams)
   * @throws io.agentchannel.error.AgentChannelException when a turn fails
   * @throws IllegalStateException when the model still calls tools after {@code maxTurns} turns
   */
  Result run(
      AgentChannel channel,
      CreateRequest first,
      Tools tools,
      int maxTurns,
      Consumer<ServerEvent> events);
}
