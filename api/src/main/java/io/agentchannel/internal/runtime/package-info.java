/**
 * The conversation runtime and the agent loop behind {@code io.agentchannel.conversation} and
 * {@code io.agentchannel.agent}: session leases and the channel's session pool, the per-turn
 * decision between incremental and full context, retries, and the tool ledger.
 */
package io.agentchannel.internal.runtime;
