/**
 * Guice wiring for AgentChannel: install {@link io.agentchannel.inject.AgentChannelModule} and
 * inject {@link io.agentchannel.AgentChannel}.
 */
package io.agentchannel.inject;
