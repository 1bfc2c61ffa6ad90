/**
 * The Responses API on the wire: the model records both sides of a connection exchange, the codec
 * that reads and writes them, and the typed errors of the protocol.
 *
 * <p>Depends on Jackson only, so a server (the simulator) or a tool can speak the protocol without
 * the client.
 */
module io.agentchannel.wire {
  requires transitive com.fasterxml.jackson.databind;

  // API
  exports io.agentchannel.wire;
  exports io.agentchannel.wire.model;
  exports io.agentchannel.error;

// io.agentchannel.wire.internal (the codec's implementation) is not exported.
}
