/**
 * The client: {@link io.agentchannel.AgentChannel} and its options, conversations and the agent
 * runtime, and the SPI a transport implements. Transports are separate modules found with {@link
 * java.util.ServiceLoader}.
 */
module io.agentchannel {
  requires transitive io.agentchannel.wire;
  requires org.slf4j;

  // API
  exports io.agentchannel;
  exports io.agentchannel.conversation;
  exports io.agentchannel.agent;

  // SPI
  exports io.agentchannel.spi;

  uses io.agentchannel.spi.TransportProvider;

  // Internal: the transport registry is shared with the Guice integration only; the runtime
  // (io.agentchannel.internal.runtime) and configuration parsing (io.agentchannel.internal.config)
  // are not exported.
  exports io.agentchannel.internal to
      io.agentchannel.guice;
}
