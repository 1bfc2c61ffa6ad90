/**
 * The simulated Responses API server: HTTP + SSE and WebSocket mode on one port, a deterministic
 * model, a cost model, network emulation ({@link io.agentchannel.sim.NetworkProfile}) and fault
 * injection, so that clients and transports run and are measured without network or API key.
 */
package io.agentchannel.sim;
