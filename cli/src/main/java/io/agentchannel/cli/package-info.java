/**
 * The {@code agentchannel} command: {@code bench} (every transport against the embedded simulator),
 * {@code sim} (the standalone simulator) and {@code run} (an agent against a real endpoint). {@link
 * io.agentchannel.cli.AgentChannelCli} is the entry point; the benchmark harness lives in {@code
 * io.agentchannel.cli.bench}.
 */
package io.agentchannel.cli;
