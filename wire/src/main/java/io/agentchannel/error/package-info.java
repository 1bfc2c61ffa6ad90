/**
 * The errors AgentChannel reports, one sealed family rooted at {@link
 * io.agentchannel.error.AgentChannelException}: the service's errors ({@link
 * io.agentchannel.error.ApiException} and its subtypes), protocol violations, connection failures,
 * phase timeouts and configuration errors. They live beside the wire model because every module
 * (the client, the transports, the simulator) shares them; none of them holds a secret.
 */
package io.agentchannel.error;
