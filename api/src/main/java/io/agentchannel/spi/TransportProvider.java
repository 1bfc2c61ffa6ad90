package io.agentchannel.spi;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import java.util.Set;

/**
 * The entry point of a transport module, found with {@link java.util.ServiceLoader} (register the
 * implementation in {@code META-INF/services/io.agentchannel.spi.TransportProvider}) and bound by
 * id in Guice. Teams select a transport by setting {@code agentchannel.transport} to its {@link
 * #id()}; nothing else in their code changes.
 *
 * <p>Implementations must have a public no-argument constructor, be thread-safe and cheap to
 * construct: discovery instantiates every provider on the classpath, including those not chosen.
 * Heavy work (thread pools, connections) belongs in {@link #create}.
 *
 * <p>A provider reads its own settings under {@code agentchannel.<id>.*} with {@link
 * AgentChannelOptions#durationSetting}, {@link AgentChannelOptions#intSetting}, {@link
 * AgentChannelOptions#booleanSetting} or {@link AgentChannelOptions#setting} (which give every
 * source the same precedence and bad values the same kind of message), turns them into its own
 * typed options record in {@link #create}, and documents the keys. The common settings (base URL,
 * API key, timeouts, buffer size) are typed on {@link AgentChannelOptions}.
 */
public interface TransportProvider {

  /** The id users configure: lower-case, e.g. {@code http}, {@code websocket}, {@code vertx}. */
  String id();

  /**
   * Every capability this transport can offer. The effective set for a configuration is {@link
   * Transport#capabilities()}, which may be smaller (lanes, say, only when configured).
   */
  Set<Capability> capabilities();

  /**
   * Creates a transport for these options. Called once per channel; the channel closes it.
   *
   * @throws io.agentchannel.error.ConfigurationException if a setting of this provider is invalid
   */
  Transport create(AgentChannelOptions options);

  /** The implementation version, for reports; defaults to the jar manifest's. */
  default String version() {
    String version = getClass().getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
