/**
 * The simulated Responses server: HTTP + SSE and WebSocket mode on Vert.x, seeded faults, a network
 * model and metrics, so clients are tested and benchmarked without network or API key.
 */
module io.agentchannel.sim {
  requires transitive io.agentchannel.wire;
  requires io.vertx.core;
  requires io.netty.transport;

  // API
  exports io.agentchannel.sim;
  exports io.agentchannel.sim.data;

// io.agentchannel.sim.internal and its sub-packages (endpoints, engine, faults) are not
// exported.
}
