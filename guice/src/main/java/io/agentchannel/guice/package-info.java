/**
 * Guice wiring for AgentChannel: install {@link io.agentchannel.guice.AgentChannelModule} and
 * inject {@link io.agentchannel.AgentChannel}.
 */
package io.agentchannel.guice;
