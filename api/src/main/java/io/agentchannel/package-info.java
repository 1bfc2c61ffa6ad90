/**
 * The AgentChannel API: {@link io.agentchannel.AgentChannel} (what an agent holds), {@link
 * io.agentchannel.ResponseStream} (one response's events with backpressure), {@link
 * io.agentchannel.AgentChannelOptions} (every setting and where it comes from), {@link
 * io.agentchannel.AgentChannels} (the plain factory) and the sealed error hierarchy rooted at
 * {@link io.agentchannel.error.AgentChannelException}.
 */
package io.agentchannel;
