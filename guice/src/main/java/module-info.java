/**
 * Guice wiring for {@link io.agentchannel.AgentChannel}: {@link
 * io.agentchannel.guice.AgentChannelModule} binds the channel built from configuration, so a team
 * switches transport by configuration, not code.
 */
module io.agentchannel.guice {
  requires transitive io.agentchannel;
  requires transitive com.google.guice;

  exports io.agentchannel.guice;

  // Guice reads the module's @Provides methods reflectively.
  opens io.agentchannel.guice to
      com.google.guice;
}
