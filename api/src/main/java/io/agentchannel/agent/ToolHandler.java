package io.agentchannel.agent;

import java.util.concurrent.CompletionStage;

/**
 * The Java code behind a tool: {@link Blocking} for code that returns its result, {@link Async} for
 * code that completes a stage later. Either way the result is the text of the {@code
 * function_call_output}; a thrown exception, a failed stage or a timeout becomes an output that
 * describes the failure.
 */
public sealed interface ToolHandler permits ToolHandler.Blocking, ToolHandler.Async {

  /**
   * A handler that runs on the agent's tool executor and may block it (the default executor grows
   * as needed, so parallel calls do not wait for each other).
   */
  @FunctionalInterface
  non-sealed interface Blocking extends ToolHandler {
    String call(ToolCall call) throws Exception;
  }

  /**
   * A handler that must not block: it is called on the thread that received the model's response
   * and returns a stage that completes with the output.
   */
  @FunctionalInterface
  non-sealed interface Async extends ToolHandler {
    CompletionStage<String> call(ToolCall call);
  }
}
