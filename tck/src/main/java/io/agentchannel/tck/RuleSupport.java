package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.fail;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.InFlightPolicy;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.tck.internal.RecordingSink;
import io.agentchannel.tck.internal.RecordingSubscriber;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The configuration hooks and the helpers every rule area uses. The areas extend each other in
 * RULES.md order and {@link TransportCompatibilityKit} ends the chain, so adding a rule is adding
 * one method to its area (and one entry to RULES.md).
 */
abstract class RuleSupport {

  /** The key the kit's simulators accept. */
  static final String API_KEY = "sk-tck-0123456789";

  private Set<Capability> capabilities;
  private TckTimeouts timeouts;

  /** The transport under test; see {@link TransportCompatibilityKit#provider()}. */
  protected abstract TransportProvider provider();

  /** See {@link TransportCompatibilityKit#configure}. */
  protected AgentChannelOptions.Builder configure(AgentChannelOptions.Builder options) {
    return options;
  }

  /** See {@link TransportCompatibilityKit#configureSimulator}. */
  protected SimOptions.Builder configureSimulator(SimOptions.Builder simulator) {
    return simulator;
  }

  /** See {@link TransportCompatibilityKit#timeouts()}. */
  protected TckTimeouts timeouts() {
    return TckTimeouts.fromEnvironment();
  }

  @BeforeAll
  final void readDeclaredCapabilities() {
    timeouts = timeouts();
    AgentChannelOptions options =
        configure(
                AgentChannelOptions.builder()
                    .transport(provider().id())
                    .baseUrl("http://127.0.0.1:9/v1")
                    .apiKey(API_KEY)
                    .systemProperties(new java.util.Properties())
                    .environment(Map.of()))
            .build();
    try (Transport transport = provider().create(options)) {
      Set<Capability> declared = transport.capabilities();
      capabilities =
          declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared);
    }
  }

  /** The capabilities the transport declares for the kit's configuration. */
  final Set<Capability> capabilities() {
    return capabilities;
  }

  final TckTimeouts limits() {
    return timeouts;
  }

  final Duration await() {
    return timeouts.await();
  }

  /** Skips the rule, naming the capability, unless the transport declares it. */
  final void requires(Capability capability, String why) {
    Assumptions.assumeTrue(
        capabilities.contains(capability),
        () ->
            "needs capability "
                + capability
                + " ("
                + why
                + "); transport '"
                + provider().id()
                + "' declares "
                + capabilities);
  }

  /** A fixture over a simulator with the kit's defaults and the vendor's adjustments. */
  final Fixture fixture() {
    return fixture(UnaryOperator.identity());
  }

  /** A fixture over a simulator with the rule's own settings on top of the defaults. */
  final Fixture fixture(UnaryOperator<SimOptions.Builder> rule) {
    SimServer sim = SimServer.start(rule.apply(configureSimulator(simulatorDefaults())).build());
    return new Fixture(sim, provider(), this::configure, API_KEY, timeouts.await());
  }

  /**
   * The kit's key and, for WebSocket mode, the mode the declared capabilities call for: v2 for a
   * transport that declares {@code LANES}, else a strict v1 server that refuses a second response
   * in flight on a connection ({@code response_already_in_flight}), so a transport without lanes
   * must queue them itself.
   */
  private SimOptions.Builder simulatorDefaults() {
    boolean lanes = capabilities.contains(Capability.LANES);
    return SimOptions.builder()
        .apiKeys(API_KEY)
        .webSocketMode(lanes ? WebSocketMode.V2 : WebSocketMode.V1)
        .inFlightPolicy(InFlightPolicy.REJECT);
  }

  static CreateRequest.Builder echo(String text) {
    return CreateRequest.builder().model("echo").input(text);
  }

  /** An echo request that makes the simulator inject {@code fault} ({@code sim_fault}). */
  static CreateRequest faulty(String text, String fault) {
    return echo(text).metadata(Map.of("sim_fault", fault)).build();
  }

  /** Waits for the subscriber's terminal signal; a hang fails the rule with what was seen. */
  final void awaitTermination(RecordingSubscriber subscriber, String rule) throws Exception {
    if (!subscriber.awaitTermination(await())) {
      fail(
          "%s: expected onComplete or onError within %s, observed none (a hang); saw %s",
          rule, await(), subscriber.describe());
    }
  }

  /** Waits for the sink's end (terminal event or fail); a hang fails the rule. */
  final void awaitEnd(RecordingSink sink, String rule) throws Exception {
    if (!sink.awaitEnd(await())) {
      fail(
          "%s: expected a terminal event or a fail() within %s, observed neither (a hang); the"
              + " transport did %s",
          rule, await(), sink.describe());
    }
  }

  /** The response, failing the rule with the error or the hang. */
  final Response responseOf(CompletableFuture<Response> completion, String rule) throws Exception {
    try {
      return completion.get(await().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException hang) {
      return fail(
          "%s: expected a response within %s, the stream neither completed nor failed",
          rule, await());
    } catch (ExecutionException failed) {
      return fail(
          "%s: expected a response, the stream failed with %s",
          rule, Describe.error(failed.getCause()));
    }
  }

  /** The error a stream ended with, failing the rule if it completed or hung. */
  final Throwable failureOf(CompletableFuture<?> completion, String rule) throws Exception {
    try {
      Object value = completion.get(await().toNanos(), TimeUnit.NANOSECONDS);
      return fail("%s: expected the stream to fail, it completed with %s", rule, value);
    } catch (ExecutionException failed) {
      return failed.getCause();
    } catch (CancellationException cancelled) {
      return cancelled;
    } catch (TimeoutException hang) {
      return fail(
          "%s: expected the stream to fail within %s, it neither completed nor failed (a hang)",
          rule, await());
    }
  }
}
