/**
 * The AgentChannel API: {@link io.agentchannel.AgentChannel} (what an agent holds), {@link
 * io.agentchannel.ResponseStream} (one response's events with backpressure), {@link
 * io.agentchannel.AgentChannelOptions} (every setting and where it comes from), {@link
 * io.agentchannel.AgentChannels} (the plain factory) and {@link io.agentchannel.Capability} (what a
 * transport declares it can do).
 *
 * <p>Conversations are in {@code io.agentchannel.conversation}, the agent loop in {@code
 * io.agentchannel.agent}, the transport SPI in {@code io.agentchannel.spi}; the request, response
 * and event records in {@code io.agentchannel.wire.model} and the sealed error hierarchy rooted at
 * {@link io.agentchannel.error.AgentChannelException} come from the {@code agentchannel-wire}
 * module.
 */
package io.agentchannel;
