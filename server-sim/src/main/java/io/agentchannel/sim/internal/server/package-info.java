/**
 * The Vert.x wiring of the simulator: one verticle per event loop that routes each connection to
 * the HTTP API or the WebSocket endpoint. It depends on both endpoints; they depend only on the
 * core in {@code io.agentchannel.sim.internal}, never on this package.
 */
package io.agentchannel.sim.internal.server;
