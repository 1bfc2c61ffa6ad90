/**
 * The WebSocket-mode engine both WebSocket transports share: exchange routing, lanes, keep-alive
 * and rotation over one connection. A transport supplies the connection through {@link
 * io.agentchannel.websocket.spi.WebSocketLink}.
 */
module io.agentchannel.websocket {
  requires transitive io.agentchannel;
  requires org.slf4j;

  // API
  exports io.agentchannel.websocket;

  // SPI
  exports io.agentchannel.websocket.spi;

// io.agentchannel.websocket.internal (exchanges, lanes) is not exported.
}
