package io.agentchannel.transport.vertx;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.Transport;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;

/**
 * What the integration tests share: a real simulator on an ephemeral loopback port, channels and
 * transports built the way users build them, and everything closed after each test (newest first).
 */
abstract class SimFixture {

  static final String KEY = "sk-test-vertx";
  static final Duration WAIT = Duration.ofSeconds(20);

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = cleanup.size() - 1; i >= 0; i--) {
      cleanup.get(i).close();
    }
    cleanup.clear();
  }

  <T extends AutoCloseable> T closeLater(T resource) {
    cleanup.add(resource);
    return resource;
  }

  SimServer sim(Consumer<SimOptions.Builder> settings) {
    SimOptions.Builder options = SimOptions.builder().apiKeys(KEY);
    settings.accept(options);
    return closeLater(SimServer.start(options.build()));
  }

  SimServer sim() {
    return sim(options -> {});
  }

  /** Options isolated from this machine's environment and system properties. */
  static AgentChannelOptions.Builder options(SimServer sim) {
    return AgentChannelOptions.builder()
        .systemProperties(new Properties())
        .environment(Map.of())
        .transport("vertx")
        .baseUrl(sim.baseUrl())
        .apiKey(KEY);
  }

  /** A channel through {@link AgentChannels}, as users get one. */
  AgentChannel channel(SimServer sim, Map<String, String> settings) {
    AgentChannelOptions.Builder options = options(sim);
    settings.forEach(options::setting);
    return closeLater(AgentChannels.create(options.build()));
  }

  AgentChannel channel(SimServer sim) {
    return channel(sim, Map.of());
  }

  Transport transport(AgentChannelOptions options) {
    return closeLater(new VertxTransportProvider().create(options));
  }

  static CreateRequest.Builder ask(String text) {
    return CreateRequest.builder().model("echo").input(List.of(MessageItem.user(text)));
  }
}
