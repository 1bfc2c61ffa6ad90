/**
 * Test support for users and transport vendors: loopback proxies that count, delay, stall or drop
 * bytes, a raw scripted HTTP/WebSocket server, a mutable clock and event collectors.
 */
module io.agentchannel.testing {
  requires transitive io.agentchannel.wire;

  exports io.agentchannel.testing;
}
