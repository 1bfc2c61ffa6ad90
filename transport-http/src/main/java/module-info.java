/** The HTTP + SSE transport on {@code java.net.http}: one request per turn, no extra dependency. */
module io.agentchannel.transport.http {
  requires transitive io.agentchannel;
  requires java.net.http;
  requires org.slf4j;

  // API
  exports io.agentchannel.transport.http;

  provides io.agentchannel.spi.TransportProvider with
      io.agentchannel.transport.http.HttpTransportProvider;
}
