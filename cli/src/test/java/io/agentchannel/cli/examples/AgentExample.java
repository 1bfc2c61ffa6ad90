package io.agentchannel.cli.examples;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.agent.Agent;
import io.agentchannel.agent.AgentResult;
import io.agentchannel.agent.ToolDefinition;

/**
 * The README's agent: one function tool, run by the agent loop until the model answers. {@link
 * #main} takes its settings from the environment; {@link #run} takes any channel.
 */
public final class AgentExample {

  private AgentExample() {}

  public static void main(String[] args) {
    try (AgentChannel channel = AgentChannels.create()) {
      run(channel);
    }
  }

  /** Runs the agent over {@code channel}, prints its answer and returns the whole result. */
  public static AgentResult run(AgentChannel channel) {
    // readme:start
    Agent agent =
        Agent.builder(channel)
            .model("gpt-5.5")
            .instructions("Answer questions about the weather.")
            .tool(
                ToolDefinition.of(
                    "weather",
                    "Current weather in a city",
                    "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}",
                    call -> Weather.lookUp(call.arguments()))) // your code: returns the output
            .build();
    AgentResult result = agent.run("Do I need an umbrella in Paris?");
    System.out.println(result.answer()); // the final text
    System.out.println(result.toolCalls() + " tool call(s), " + result.turns().size() + " turns");
    // readme:end
    return result;
  }

  /** Stands in for the application's weather service. */
  static final class Weather {

    static final String PARIS = "{\"city\":\"Paris\",\"sky\":\"light rain\",\"celsius\":14}";

    private Weather() {}

    static String lookUp(String arguments) {
      return PARIS;
    }
  }
}
