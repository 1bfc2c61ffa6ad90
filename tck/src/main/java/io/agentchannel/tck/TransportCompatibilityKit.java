package io.agentchannel.tck;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.spi.TransportProvider;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The compatibility kit: every rule of {@code RULES.md} as a JUnit 5 test, run against the
 * transport a subclass names. A vendor adds {@code agentchannel-tck} with test scope and writes
 *
 * <pre>{@code
 * class MyTransportCompatibilityTest extends TransportCompatibilityKit {
 *   @Override
 *   protected TransportProvider provider() {
 *     return new MyTransportProvider();
 *   }
 * }
 * }</pre>
 *
 * <p>Nothing else. Each test method is named after its rule ({@code ac_3_2_terminal_event_is_last}
 * checks AC-3.2) and starts what it needs, its own embedded simulator on an ephemeral loopback port
 * included, so tests are isolated and may run in parallel. A rule whose capability the transport
 * does not declare ({@link io.agentchannel.spi.Transport#capabilities()} for the kit's options) is
 * reported as skipped with a sentence naming the capability.
 *
 * <p><b>Report.</b> After the class, {@code target/agentchannel-tck/<name>.json} and {@code .md}
 * hold every rule's outcome with its reason, the transport's id and version, the kit's version, the
 * JDK and the date, and one line is printed: {@code AgentChannel TCK 0.1.0: transport http 0.1.0:
 * 30 passed, 0 failed, 3 skipped}. The directory is {@code agentchannel.tck.report-dir}.
 *
 * <p><b>Time limits</b> come from {@link TckTimeouts}.
 *
 * <p><b>Lifecycle.</b> One instance per class ({@link TestInstance.Lifecycle#PER_CLASS}): the
 * declared capabilities are read once, before the first rule, from a transport created for the
 * kit's options and closed at once. A transport that needs a setting to offer a capability (lanes,
 * say) sets it in {@link #configure}; a second subclass with other settings runs the kit again for
 * that configuration under another {@link #reportName()}.
 *
 * <p>To exclude a rule the transport fails on purpose, override its method with
 * {@code @Test @Disabled("reason")}; the report lists it as skipped with that reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(TckReportExtension.class)
public abstract class TransportCompatibilityKit extends RuntimeRules {

  /**
   * The transport under test. Called often: return a new provider or a shared one, it is only asked
   * for its id, capabilities and version and to {@code create} transports.
   */
  @Override
  protected abstract TransportProvider provider();

  /**
   * Adjusts the options of every channel and transport the kit creates. They come preset with the
   * simulator's base URL and key, the provider's id, and no system properties or environment (so
   * the machine's settings do not leak in). Set transport settings here, e.g. {@code
   * options.setting("agentchannel.websocket.lanes", "true")}. Rules that test a deadline set it on
   * top of what this returns.
   */
  @Override
  protected AgentChannelOptions.Builder configure(AgentChannelOptions.Builder options) {
    return options;
  }

  /**
   * Adjusts every simulator the kit starts (preset with the kit's API key and WebSocket mode v2
   * when the transport declares {@code LANES}, else a v1 that rejects a second response in flight),
   * e.g. {@code simulator.webSocketMode(WebSocketMode.V1)}. Rules that need a cost profile set it
   * on top.
   */
  @Override
  protected SimOptions.Builder configureSimulator(SimOptions.Builder simulator) {
    return simulator;
  }

  /** The kit's time limits; {@link TckTimeouts#fromEnvironment()} unless overridden. */
  @Override
  protected TckTimeouts timeouts() {
    return TckTimeouts.fromEnvironment();
  }

  /** The report's file name; the provider's id unless overridden (e.g. {@code websocket-lanes}). */
  protected String reportName() {
    return provider().id();
  }
}
