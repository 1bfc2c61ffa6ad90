/**
 * The simulated Responses API server: HTTP + SSE and WebSocket mode on one port, faithful to the
 * service's event order, payloads and errors, with a deterministic model, a cost model, network
 * emulation and fault injection.
 *
 * <p>Start one embedded with {@link io.agentchannel.sim.SimServer#start}, configured by {@link
 * io.agentchannel.sim.data.SimOptions}; run it standalone with {@link io.agentchannel.sim.SimMain}.
 * Everything else lives in {@code internal} packages and may change without notice.
 */
package io.agentchannel.sim;
