package io.agentchannel.tck;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.tck.reference.ReferenceSseProvider;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ServerEvent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Flow;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.BeforeClass;

/**
 * The {@code ResponseStream} publisher verified with the Reactive Streams TCK (Flow variant), over
 * real responses from the simulator.
 *
 * <p><b>Mapping.</b> A response stream cannot be asked for N arbitrary elements: it is the events
 * of one response, always ending with its terminal event (delivered as an element, then {@code
 * onComplete}). {@code createFlowPublisher(n)} therefore starts an echo response of exactly {@code
 * n} events: an echo answer of {@code k} tokens has {@value #FIXED_EVENTS} fixed events ({@code
 * response.created}, {@code .in_progress}, {@code .output_item.added}, {@code .content_part.added},
 * {@code .output_text.done}, {@code .content_part.done}, {@code .output_item.done}, {@code
 * .completed}) plus {@code k} deltas, so {@code k = n - 8}. For {@code n < 9} no such stream
 * exists, and the rules that need one are reported as not verified, with that reason; {@link
 * #maxElementsFromPublisher()} bounds the long ones.
 */
public class ResponseStreamPublisherTest extends FlowPublisherVerification<ServerEvent> {

  static final int FIXED_EVENTS = 8;

  /** A warm-up ({@code generate:false}): created, in_progress, completed. */
  static final int WARMUP_EVENTS = 3;

  private SimServer sim;
  private AgentChannel channel;
  private AgentChannel refused;

  public ResponseStreamPublisherTest() {
    super(new TestEnvironment(3_000, 300));
  }

  @BeforeClass
  public void startSimulator() throws Exception {
    sim = SimServer.start(SimOptions.builder().apiKeys(RuleSupport.API_KEY).build());
    channel = AgentChannels.create(new ReferenceSseProvider(), options(sim.baseUrl().toString()));
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    refused =
        AgentChannels.create(
            new ReferenceSseProvider(), options("http://127.0.0.1:" + closedPort + "/v1"));
  }

  private static AgentChannelOptions options(String baseUrl) {
    return AgentChannelOptions.builder()
        .baseUrl(baseUrl)
        .apiKey(RuleSupport.API_KEY)
        .systemProperties(new Properties())
        .environment(Map.of())
        .build();
  }

  @AfterClass(alwaysRun = true)
  public void stopSimulator() {
    if (channel != null) {
      channel.close();
    }
    if (refused != null) {
      refused.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Override
  public Flow.Publisher<ServerEvent> createFlowPublisher(long elements) {
    if (elements == WARMUP_EVENTS) {
      return channel.create(
          CreateRequest.builder().model("echo").input("rs-tck").generate(false).build());
    }
    if (elements <= FIXED_EVENTS) {
      notVerified(
          "a response stream has "
              + WARMUP_EVENTS
              + " events (a warm-up) or at least "
              + (FIXED_EVENTS + 1)
              + " (an answer), its terminal event included; "
              + elements
              + " cannot be produced");
    }
    return channel.create(
        CreateRequest.builder()
            .model("echo")
            .input("[sim answer_tokens=" + (elements - FIXED_EVENTS) + "] rs-tck")
            .build());
  }

  @Override
  public Flow.Publisher<ServerEvent> createFailedFlowPublisher() {
    return refused.create(CreateRequest.builder().model("echo").input("refused").build());
  }

  @Override
  public long maxElementsFromPublisher() {
    return 1_000;
  }
}
