/** WebSocket mode on the Jakarta WebSocket client API, with Tyrus and its JDK client container. */
module io.agentchannel.transport.websocket {
  requires transitive io.agentchannel;
  requires io.agentchannel.websocket;
  requires jakarta.websocket.client;
  requires org.glassfish.tyrus.client;
  requires org.glassfish.tyrus.core;
  // Found by Tyrus at run time; required so it is in the module graph.
  requires org.glassfish.tyrus.container.jdk.client;
  requires org.slf4j;

  // API
  exports io.agentchannel.transport.websocket;

  provides io.agentchannel.spi.TransportProvider with
      io.agentchannel.transport.websocket.WebSocketTransportProvider;
}
