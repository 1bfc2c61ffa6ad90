package io.agentchannel.agent;

import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.util.List;
import java.util.Objects;

/**
 * What an {@link Agent} run produced.
 *
 * @param answer the final answer text (the output text of the last response)
 * @param response the last response
 * @param transcript every item of the run, inputs and outputs, in order
 * @param turns one record per turn, with mode, reason and timings (connect, send, first event,
 *     stream, tools)
 * @param toolCalls how many tool calls ran
 */
public record AgentResult(
    String answer,
    Response response,
    List<Item> transcript,
    List<TurnRecord> turns,
    int toolCalls) {

  public AgentResult {
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(response, "response");
    transcript = List.copyOf(transcript);
    turns = List.copyOf(turns);
  }
}
