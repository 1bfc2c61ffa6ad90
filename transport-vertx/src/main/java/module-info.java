/** WebSocket mode on the Vert.x 5 HTTP client, on a shared or a caller-supplied Vert.x. */
module io.agentchannel.transport.vertx {
  requires transitive io.agentchannel;
  requires io.agentchannel.websocket;
  // The provider takes an application's Vertx.
  requires transitive io.vertx.core;
  requires org.slf4j;

  // API
  exports io.agentchannel.transport.vertx;

  provides io.agentchannel.spi.TransportProvider with
      io.agentchannel.transport.vertx.VertxTransportProvider;
}
