package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agentchannel.error.ConfigurationException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.testing.RecordingSubscriber;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AgentChannelsTest {

  private static final CreateRequest HELLO =
      CreateRequest.builder().model("test-model").input("hello there").build();

  private static AgentChannelOptions options(String transport) {
    return AgentChannelOptions.builder()
        .transport(transport)
        .baseUrl("http://127.0.0.1:9/v1")
        .build();
  }

  @Test
  void discovers_transports_with_the_service_loader() {
    assertThat(AgentChannels.availableTransports()).contains("scripted", "plain");
  }

  @Test
  void streams_a_response_over_the_configured_transport() throws Exception {
    try (AgentChannel channel = AgentChannels.create(options("scripted"))) {
      RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
      ResponseStream stream = channel.create(HELLO);
      stream.subscribe(subscriber);
      Response response = stream.completion().get(5, TimeUnit.SECONDS);

      assertThat(channel.transportId()).isEqualTo("scripted");
      assertThat(response.outputText()).isEqualTo("echo: hello there");
      assertThat(subscriber.events.get(0)).isInstanceOf(ServerEvent.ResponseCreated.class);
      assertThat(subscriber.events)
          .filteredOn(e -> e instanceof ServerEvent.OutputTextDelta)
          .hasSize(3);
    }
  }

  @Test
  void switching_transport_is_a_configuration_change_only() throws Exception {
    for (String id : new String[] {"scripted", "plain"}) {
      try (AgentChannel channel = AgentChannels.create(options(id))) {
        assertThat(channel.transportId()).isEqualTo(id);
        assertThat(channel.create(HELLO).drain().get(5, TimeUnit.SECONDS).outputText())
            .isEqualTo("echo: hello there");
      }
    }
  }

  @Test
  void a_provider_instance_is_used_whatever_the_configured_transport_says() throws Exception {
    AgentChannelOptions other = options("carrier-pigeon");
    try (AgentChannel channel =
        AgentChannels.create(new io.agentchannel.ScriptedTransportProvider(), other)) {
      assertThat(channel.transportId()).isEqualTo("scripted");
      assertThat(channel.create(HELLO).drain().get(5, TimeUnit.SECONDS).outputText())
          .isEqualTo("echo: hello there");
    }
  }

  @Test
  void unknown_transport_names_the_available_ones() {
    assertThatThrownBy(() -> AgentChannels.create(options("carrier-pigeon")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("unknown transport 'carrier-pigeon'")
        .hasMessageContaining("plain")
        .hasMessageContaining("scripted")
        .extracting(e -> ((ConfigurationException) e).setting())
        .isEqualTo("agentchannel.transport");
  }

  @Test
  void missing_api_key_for_a_remote_base_url_says_what_to_set() {
    AgentChannelOptions remote =
        AgentChannelOptions.builder()
            .transport("scripted")
            .baseUrl("https://api.example.com/v1")
            .environment(Map.of())
            .build();
    assertThatThrownBy(() -> AgentChannels.create(remote))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("OPENAI_API_KEY");
  }

  @Test
  void the_api_key_appears_in_no_string_the_channel_produces() {
    String secret = "sk-test-DO-NOT-LEAK-4242";
    AgentChannelOptions withKey =
        AgentChannelOptions.builder()
            .transport("no-such-transport")
            .baseUrl("https://api.example.com/v1")
            .apiKey(secret)
            .build();
    assertThat(withKey.toString()).doesNotContain(secret);
    assertThat(withKey.apiKey().orElseThrow().toString()).doesNotContain(secret);
    assertThatThrownBy(() -> AgentChannels.create(withKey))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    try (AgentChannel channel =
        AgentChannels.create(withKey.toBuilder().transport("scripted").build())) {
      assertThat(channel.toString()).doesNotContain(secret);
      assertThat(channel.options().toString()).doesNotContain(secret);
    }
  }

  @Test
  void warmup_needs_the_warmup_capability() throws Exception {
    try (AgentChannel scripted = AgentChannels.create(options("scripted"));
        AgentChannel plain = AgentChannels.create(options("plain"))) {
      assertThat(scripted.capabilities()).contains(Capability.WARMUP);
      Response warm = scripted.warmup(HELLO).get(5, TimeUnit.SECONDS);
      assertThat(warm.id()).startsWith("resp_");
      assertThat(warm.output()).isEmpty();

      assertThat(plain.capabilities()).isEmpty();
      assertThat(plain.warmup(HELLO))
          .failsWithin(5, TimeUnit.SECONDS)
          .withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .withCauseInstanceOf(UnsupportedOperationException.class)
          .withMessageContaining("plain")
          .withMessageContaining("WARMUP");
    }
  }

  @Test
  void a_request_without_model_is_rejected_clearly() {
    try (AgentChannel channel = AgentChannels.create(options("scripted"))) {
      assertThatThrownBy(() -> channel.create(CreateRequest.builder().input("x").build()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("model");
    }
  }

  @Test
  void close_fails_responses_in_flight_and_refuses_new_ones() throws Exception {
    AgentChannel channel = AgentChannels.create(options("scripted"));
    CreateRequest never = HELLO.toBuilder().metadata(Map.of("hold", "true")).build();
    ResponseStream inFlight = channel.create(never);
    RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
    inFlight.subscribe(subscriber);

    channel.close();
    channel.close();

    assertThat(subscriber.error.get(5, TimeUnit.SECONDS)).isInstanceOf(ConnectionException.class);
    assertThat(inFlight.completion()).isCompletedExceptionally();
    assertThatThrownBy(() -> channel.create(HELLO)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void opens_the_session_lazily_reuses_it_and_reopens_it_when_lost() throws Exception {
    try (AgentChannel channel = AgentChannels.create(options("scripted"))) {
      var transport = io.agentchannel.ScriptedTransportProvider.lastCreated;
      assertThat(transport.opened).as("lazy").hasValue(0);

      channel.create(HELLO).drain().get(5, TimeUnit.SECONDS);
      channel.create(HELLO).drain().get(5, TimeUnit.SECONDS);
      assertThat(transport.opened).as("reused").hasValue(1);

      channel
          .create(HELLO.toBuilder().metadata(Map.of("drop", "true")).build())
          .drain()
          .get(5, TimeUnit.SECONDS);
      channel.create(HELLO).drain().get(5, TimeUnit.SECONDS);
      assertThat(transport.opened).as("reopened after the loss").hasValue(2);
    }
    assertThat(io.agentchannel.ScriptedTransportProvider.lastCreated.closed).isTrue();
  }

  @Test
  void cancelling_a_response_completes_it_with_cancellation() {
    try (AgentChannel channel = AgentChannels.create(options("scripted"))) {
      ResponseStream stream =
          channel.create(HELLO.toBuilder().metadata(Map.of("hold", "true")).build());
      stream.cancel();
      assertThatThrownBy(() -> stream.completion().get(5, TimeUnit.SECONDS))
          .isInstanceOf(CancellationException.class);
    }
  }
}
