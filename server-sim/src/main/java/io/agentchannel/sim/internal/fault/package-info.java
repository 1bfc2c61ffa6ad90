/** Fault directives and the seeded per-request fault draw. */
package io.agentchannel.sim.internal.fault;
