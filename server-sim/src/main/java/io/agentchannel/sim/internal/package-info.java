/** The simulator's core: the turn pipeline shared by both endpoints, auth and refusals. */
package io.agentchannel.sim.internal;
