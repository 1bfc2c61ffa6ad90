/**
 * The simulator's core: the shared {@link io.agentchannel.sim.internal.Simulator} state (options,
 * store, metrics, the turn pipeline both endpoints run) and API-key checks. Its sub-packages hold
 * the endpoints ({@code http}, {@code ws}), the turn engine, faults and the Vert.x wiring ({@code
 * server}); none of them is depended on by this package.
 */
package io.agentchannel.sim.internal;
