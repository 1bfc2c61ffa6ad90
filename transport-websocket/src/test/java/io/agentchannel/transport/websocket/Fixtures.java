package io.agentchannel.transport.websocket;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.sim.SimServer;
import io.agentchannel.wire.model.CreateRequest;
import java.util.Map;

/** Channel options and requests shared by the integration tests. */
final class Fixtures {

  static final String KEY = "sk-test-websocket";

  private Fixtures() {}

  /** A websocket channel's options against {@code sim}, without keep-alive noise. */
  static AgentChannelOptions.Builder options(SimServer sim) {
    return AgentChannelOptions.builder()
        .transport(WebSocketTransportProvider.ID)
        .baseUrl(sim.baseUrl())
        .apiKey(KEY)
        .setting(WebSocketTransportOptions.PING_INTERVAL, "0s")
        .setting(WebSocketTransportOptions.DEAD_PEER_TIMEOUT, "0s");
  }

  static CreateRequest turn(String text) {
    return CreateRequest.builder().model("echo").input(text).build();
  }

  static CreateRequest faulty(String text, String fault) {
    return turn(text).toBuilder().metadata(Map.of("sim_fault", fault)).build();
  }
}
