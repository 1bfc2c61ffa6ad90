/** Sends a turn's events with their delays, backpressure and injected faults. */
package io.agentchannel.sim.internal.run;
