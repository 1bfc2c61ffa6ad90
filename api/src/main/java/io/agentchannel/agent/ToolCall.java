package io.agentchannel.agent;

import java.util.Objects;

/**
 * One function call the model asked for.
 *
 * @param callId the id pairing the call with its output
 * @param name the tool's name
 * @param arguments the arguments as the model wrote them: a JSON text, unvalidated
 */
public record ToolCall(String callId, String name, String arguments) {

  public ToolCall {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }
}
