/**
 * How {@link io.agentchannel.AgentChannelOptions} reads its settings: the layered lookup over code,
 * system properties, environment, properties file and defaults, and the parsers for each value
 * type. Not public API; the options type is the only entry point.
 */
package io.agentchannel.internal.config;
