/**
 * The public API of AgentChannel: the options that configure a channel ({@link
 * io.agentchannel.AgentChannelOptions}, {@link io.agentchannel.Timeouts}), the redacted {@link
 * io.agentchannel.ApiKey}, and the sealed {@link io.agentchannel.AgentChannelException} family
 * every failure is reported as.
 */
package io.agentchannel;
