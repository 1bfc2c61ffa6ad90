/**
 * What the simulated service answers when it refuses a request: {@link
 * io.agentchannel.sim.internal.refusal.SimError} and the service's refusals by status. A leaf
 * package, so that every other part of the simulator may refuse.
 */
package io.agentchannel.sim.internal.refusal;
