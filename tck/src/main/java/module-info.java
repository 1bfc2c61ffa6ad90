/**
 * The transport compatibility kit: abstract JUnit 5 rule classes a transport's tests extend, run
 * against the simulator. Every transport, ours or a vendor's, must pass it.
 */
module io.agentchannel.tck {
  requires transitive io.agentchannel;
  requires transitive io.agentchannel.sim;
  requires transitive io.agentchannel.testing;
  requires transitive org.junit.jupiter.api;
  requires org.assertj.core;

  // API
  exports io.agentchannel.tck;

  // JUnit runs the inherited rule methods and the report extension reflectively.
  opens io.agentchannel.tck to
      org.junit.platform.commons;
  opens io.agentchannel.tck.internal to
      org.junit.platform.commons;
}
