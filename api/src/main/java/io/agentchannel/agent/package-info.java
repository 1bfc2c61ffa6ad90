/**
 * The agent loop: {@link io.agentchannel.agent.Agent} sends the input, runs the function calls the
 * model asks for with the registered {@link io.agentchannel.agent.ToolDefinition}s, sends their
 * outputs back and repeats until the model answers without calling a tool, or a step limit.
 *
 * <p>Each {@code call_id} runs exactly once per run, whatever is retried or reconnected underneath;
 * a tool that fails becomes a {@code function_call_output} describing the failure, for the model to
 * act on.
 */
package io.agentchannel.agent;
