package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.testing.RawServer;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.FunctionTool;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Text answers, streamed function-call arguments and connection reuse over real sockets. */
class HttpStreamingTest {

  private static SimServer sim;

  @BeforeAll
  static void startSimulator() {
    sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @Test
  void the_provider_is_found_by_id_and_declares_no_capability() {
    TransportProvider provider =
        ServiceLoader.load(TransportProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.id().equals("http"))
            .findFirst()
            .orElseThrow();

    assertThat(provider).isInstanceOf(HttpTransportProvider.class);
    assertThat(provider.capabilities()).isEmpty();
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      assertThat(channel.transportId()).isEqualTo("http");
      assertThat(channel.capabilities()).isEmpty();
    }
  }

  @Test
  void streams_a_text_answer_event_by_event_in_the_service_order() throws Exception {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      var stream = channel.create(echo("[sim answer_tokens=5] hello there").build());
      stream.subscribe(recorder);
      Response response = stream.completion().get(10, TimeUnit.SECONDS);

      assertThat(recorder.completed).isTrue();
      assertThat(recorder.types())
          .startsWith(
              "response.created",
              "response.in_progress",
              "response.output_item.added",
              "response.content_part.added")
          .endsWith(
              "response.output_text.done",
              "response.content_part.done",
              "response.output_item.done",
              "response.completed");
      List<ServerEvent.OutputTextDelta> deltas =
          recorder.events.stream()
              .filter(ServerEvent.OutputTextDelta.class::isInstance)
              .map(ServerEvent.OutputTextDelta.class::cast)
              .toList();
      assertThat(deltas).hasSize(5);
      String joined =
          deltas.stream().map(ServerEvent.OutputTextDelta::delta).collect(Collectors.joining());
      assertThat(response.outputText()).isEqualTo(joined);
      assertThat(response.status()).isEqualTo(Response.STATUS_COMPLETED);
    }
  }

  @Test
  void carries_unicode_through_the_byte_level_parser_and_the_codec() throws Exception {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      Response response =
          channel.create(echo("héllo wörld — 日本語 🚀").build()).drain().get(10, TimeUnit.SECONDS);

      assertThat(response.outputText()).isEqualTo("echo: héllo wörld — 日本語 🚀");
    }
  }

  @Test
  void streams_function_call_arguments_as_deltas_that_add_up_to_the_done_event() throws Exception {
    ObjectNode schema = new ObjectMapper().createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("step").put("type", "integer");
    CreateRequest request =
        CreateRequest.builder()
            .model("tool-loop")
            .input("[sim tool_calls=2] go")
            .tools(List.of(new FunctionTool("lookup", "Looks up.", schema, null, null)))
            .build();
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      var stream = channel.create(request);
      stream.subscribe(recorder);
      Response response = stream.completion().get(10, TimeUnit.SECONDS);

      String streamed =
          recorder.events.stream()
              .filter(ServerEvent.FunctionCallArgumentsDelta.class::isInstance)
              .map(e -> ((ServerEvent.FunctionCallArgumentsDelta) e).delta())
              .collect(Collectors.joining());
      ServerEvent.FunctionCallArgumentsDone done =
          recorder.events.stream()
              .filter(ServerEvent.FunctionCallArgumentsDone.class::isInstance)
              .map(ServerEvent.FunctionCallArgumentsDone.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(streamed).isNotEmpty().isEqualTo(done.arguments());
      assertThat(done.name()).isEqualTo("lookup");
      assertThat(response.functionCalls()).hasSize(1);
      assertThat(response.functionCalls().get(0).arguments()).isEqualTo(done.arguments());
    }
  }

  @Test
  void forces_stream_true_even_when_the_request_asks_for_a_json_body() throws Exception {
    try (AgentChannel channel = AgentChannels.create(options(sim).build())) {
      SimChannels.Recorder recorder = new SimChannels.Recorder();
      var stream = channel.create(echo("hi").stream(false).build());
      stream.subscribe(recorder);
      stream.completion().get(10, TimeUnit.SECONDS);

      assertThat(recorder.types()).contains("response.output_text.delta");
    }
  }

  @Test
  void a_body_left_open_after_the_terminal_event_still_completes_the_response_and_frees_the_socket()
      throws Exception {
    Response done =
        Response.builder("resp_open").status(Response.STATUS_COMPLETED).model("echo").build();
    String event =
        WireCodec.shared().writeEvent(new ServerEvent.ResponseCompleted(EventMeta.of(0), done));
    String chunk = "event: response.completed\ndata: " + event + "\n\n";
    String head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
    // One chunk with the terminal event, and then neither the last chunk nor a close.
    try (RawServer server = RawServer.replyingAndHolding(head + RawServer.chunk(chunk));
        AgentChannel channel =
            AgentChannels.create(options(sim).baseUrl(server.baseUrl()).build())) {
      long start = System.nanoTime();
      Response response = channel.create(echo("hi").build()).drain().get(5, TimeUnit.SECONDS);

      assertThat(response.id()).isEqualTo("resp_open");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      // The exchange is over: its connection is given up, not left with it.
      assertThat(server.awaitClientClose(Duration.ofSeconds(3))).isTrue();
    }
  }

  @Test
  void sequential_turns_reuse_one_keep_alive_connection() throws Exception {
    try (SimServer own = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        AgentChannel channel = AgentChannels.create(options(own).build())) {
      for (int turn = 0; turn < 10; turn++) {
        Response response =
            channel.create(echo("turn " + turn).build()).drain().get(10, TimeUnit.SECONDS);
        assertThat(response.outputText()).isEqualTo("echo: turn " + turn);
      }

      assertThat(own.stats().turns("http")).isEqualTo(10);
      assertThat(own.stats().connectionsOpened()).isEqualTo(1);
    }
  }

  @Test
  void concurrent_responses_over_http_1_1_each_take_a_pooled_connection() throws Exception {
    try (SimServer own = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        AgentChannel channel =
            AgentChannels.create(options(own).idleTimeout(Duration.ofSeconds(10)).build())) {
      List<CompletableFuture<Response>> answers =
          IntStream.range(0, 4)
              .mapToObj(i -> channel.create(echo("[sim answer_tokens=2000] c" + i).build()).drain())
              .toList();
      for (CompletableFuture<Response> answer : answers) {
        assertThat(answer.get(20, TimeUnit.SECONDS).status()).isEqualTo(Response.STATUS_COMPLETED);
      }
      long afterFirstWave = own.stats().connectionsOpened();
      assertThat(afterFirstWave).isBetween(2L, 4L);

      // A second wave finds the pooled connections.
      for (int i = 0; i < 4; i++) {
        channel.create(echo("again " + i).build()).drain().get(10, TimeUnit.SECONDS);
      }
      assertThat(own.stats().connectionsOpened()).isEqualTo(afterFirstWave);
    }
  }
}
