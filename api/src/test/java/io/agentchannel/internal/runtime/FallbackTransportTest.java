package io.agentchannel.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.conversation.Conversation;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.WebSocketModeUnavailableException;
import io.agentchannel.internal.TransportRegistry;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class FallbackTransportTest {

  /** A provider whose transport's connects fail with what the test says, counting them. */
  private static final class Provider implements TransportProvider {
    final String id;
    final Set<Capability> capabilities;
    final Supplier<Throwable> connectFailure;
    final AtomicInteger connects = new AtomicInteger();
    volatile ProgrammableTransport created;

    Provider(String id, Set<Capability> capabilities, Supplier<Throwable> connectFailure) {
      this.id = id;
      this.capabilities = capabilities;
      this.connectFailure = connectFailure;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }

    @Override
    public Transport create(AgentChannelOptions options) {
      created = new ProgrammableTransport(capabilities, Clock.systemUTC());
      return new Transport() {
        @Override
        public Set<Capability> capabilities() {
          return capabilities;
        }

        @Override
        public CompletionStage<TransportSession> open() {
          connects.incrementAndGet();
          Throwable failure = connectFailure.get();
          return failure == null ? created.open() : CompletableFuture.failedFuture(failure);
        }

        @Override
        public void close() {
          created.close();
        }
      };
    }
  }

  private static final Set<Capability> WEBSOCKET =
      EnumSet.of(Capability.PERSISTENT_CONNECTION, Capability.CONNECTION_LOCAL_STATE);

  private static AgentChannelOptions auto() {
    return AgentChannelOptions.builder()
        .transport("auto")
        .baseUrl("http://127.0.0.1:1/v1")
        .systemProperties(new Properties())
        .environment(Map.of())
        .build();
  }

  private static CreateRequest hello() {
    return CreateRequest.builder().model("m").input("hi").build();
  }

  @Test
  void a_426_switches_to_http_at_once_and_for_good() {
    Provider websocket =
        new Provider(
            "websocket",
            WEBSOCKET,
            () ->
                new WebSocketModeUnavailableException(
                    ErrorDetail.of(null, null, "upgrade required", null), Map.of()));
    Provider http = new Provider("http", EnumSet.noneOf(Capability.class), () -> null);
    try (AgentChannel channel =
        TransportRegistry.open(Map.of("websocket", websocket, "http", http), auto())) {
      assertThat(channel.transportId()).isEqualTo("websocket");

      channel.create(hello()).drain().join();
      Conversation.open(channel).send(hello()).join();

      assertThat(websocket.connects).hasValue(1);
      assertThat(channel.transportId()).isEqualTo("http");
      assertThat(channel.capabilities()).isEmpty();
      assertThat(channel.metrics().fallback()).get().asString().contains("426");
      assertThat(http.created.sent).hasSize(2);
    }
  }

  @Test
  void other_connect_failures_switch_after_the_bounded_number() {
    Provider websocket =
        new Provider("websocket", WEBSOCKET, () -> ConnectionException.notSent("refused", null));
    Provider http = new Provider("http", EnumSet.noneOf(Capability.class), () -> null);
    try (AgentChannel channel =
        TransportRegistry.open(Map.of("websocket", websocket, "http", http), auto())) {
      for (int i = 1; i < FallbackTransport.DEFAULT_MAX_FAILED_CONNECTS; i++) {
        assertThatThrownBy(() -> channel.create(hello()).drain().join())
            .hasCauseInstanceOf(ConnectionException.class);
        assertThat(channel.metrics().failedConnects()).isEqualTo(i);
        assertThat(channel.metrics().fallback()).isEmpty();
      }
      channel.create(hello()).drain().join();

      assertThat(channel.transportId()).isEqualTo("http");
      assertThat(channel.metrics().fallback())
          .get()
          .asString()
          .contains(FallbackTransport.DEFAULT_MAX_FAILED_CONNECTS + " WebSocket connects failed");
    }
  }

  @Test
  void a_fixed_transport_never_falls_back() {
    Provider websocket =
        new Provider(
            "websocket",
            WEBSOCKET,
            () ->
                new WebSocketModeUnavailableException(
                    ErrorDetail.of(null, null, "upgrade required", null), Map.of()));
    Provider http = new Provider("http", EnumSet.noneOf(Capability.class), () -> null);
    AgentChannelOptions fixed = auto().toBuilder().transport("websocket").build();
    try (AgentChannel channel =
        TransportRegistry.open(Map.of("websocket", websocket, "http", http), fixed)) {
      assertThatThrownBy(() -> channel.create(hello()).drain().join())
          .hasCauseInstanceOf(WebSocketModeUnavailableException.class);
      assertThat(channel.transportId()).isEqualTo("websocket");
      assertThat(http.created).isNull();
    }
  }
}
