/**
 * The simulator's value types: its options and the cost and network profiles ({@link
 * io.agentchannel.sim.data.SimOptions}, {@link io.agentchannel.sim.data.CostProfile}, {@link
 * io.agentchannel.sim.data.NetworkProfile}), the statistics it reports ({@link
 * io.agentchannel.sim.data.SimStats}) and the digest its tool-loop model answers with ({@link
 * io.agentchannel.sim.data.ToolLoopDigest}). Immutable, thread-safe, and independent of the server,
 * so the server's internals and its users share them without a cycle.
 */
package io.agentchannel.sim.data;
