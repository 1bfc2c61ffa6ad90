package io.agentchannel.tck.internal;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.AgentChannels;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * What one rule runs against: its own embedded simulator and the channels, transports and sessions
 * it opens, all closed (last opened first) by {@link #close()}. One per test, so rules run in
 * isolation and may run in parallel.
 */
public final class Fixture implements AutoCloseable {

  private final SimServer sim;
  private final TransportProvider provider;
  private final UnaryOperator<AgentChannelOptions.Builder> vendorOptions;
  private final String apiKey;
  private final Duration await;
  private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

  public Fixture(
      SimServer sim,
      TransportProvider provider,
      UnaryOperator<AgentChannelOptions.Builder> vendorOptions,
      String apiKey,
      Duration await) {
    this.sim = Objects.requireNonNull(sim, "sim");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.vendorOptions = Objects.requireNonNull(vendorOptions, "vendorOptions");
    this.apiKey = apiKey;
    this.await = await;
    toClose.push(sim);
  }

  public SimServer sim() {
    return sim;
  }

  /**
   * Options for the simulator: its base URL and key, no system properties or environment (so the
   * machine's settings do not leak in), then the vendor's adjustments.
   */
  public AgentChannelOptions.Builder options() {
    AgentChannelOptions.Builder builder =
        AgentChannelOptions.builder()
            .transport(provider.id())
            .baseUrl(sim.baseUrl())
            .apiKey(apiKey)
            .systemProperties(new java.util.Properties())
            .environment(java.util.Map.of());
    return vendorOptions.apply(builder);
  }

  /** A channel with the default options. */
  public AgentChannel channel() {
    return channel(options().build());
  }

  /** A channel over the vendor's provider, closed with the fixture. */
  public AgentChannel channel(AgentChannelOptions options) {
    AgentChannel channel = AgentChannels.create(provider, options);
    toClose.push(channel);
    return channel;
  }

  /** A transport of the vendor's provider (for rules about the SPI), closed with the fixture. */
  public Transport transport(AgentChannelOptions options) {
    Transport transport = provider.create(options);
    toClose.push(transport);
    return transport;
  }

  /** A session of a new transport, waiting at most the await timeout for it to open. */
  public TransportSession session() throws Exception {
    return session(transport(options().build()));
  }

  /** A session of this transport, waiting at most the await timeout for it to open. */
  public TransportSession session(Transport transport) throws Exception {
    try {
      TransportSession session =
          transport.open().toCompletableFuture().get(await.toNanos(), TimeUnit.NANOSECONDS);
      toClose.push(session);
      return session;
    } catch (TimeoutException e) {
      throw new AssertionError(
          "Transport.open() did not complete within " + await + "; check the CONNECT phase", e);
    } catch (ExecutionException e) {
      throw new AssertionError(
          "Transport.open() failed against a healthy simulator: " + Describe.error(e.getCause()),
          e.getCause());
    }
  }

  @Override
  public void close() {
    RuntimeException first = null;
    while (!toClose.isEmpty()) {
      try {
        toClose.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = new IllegalStateException("closing a fixture resource failed: " + e, e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
