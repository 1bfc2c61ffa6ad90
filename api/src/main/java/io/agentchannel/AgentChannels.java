package io.agentchannel;

import io.agentchannel.internal.TransportRegistry;
import io.agentchannel.spi.TransportProvider;
import java.util.Map;
import java.util.Set;

/**
 * Builds an {@link AgentChannel} without a dependency-injection container. The transport is the one
 * {@code agentchannel.transport} names, among the transport modules on the classpath (found with
 * {@link java.util.ServiceLoader}).
 *
 * <pre>{@code
 * try (AgentChannel channel = AgentChannels.create()) {          // settings from the environment
 *   Response answer = channel.create(CreateRequest.builder()
 *       .model("gpt-5.5").input("Say hello").build()).drain().join();
 * }
 * }</pre>
 *
 * <p>Guice users install {@code io.agentchannel.guice.AgentChannelModule} (module {@code
 * agentchannel-guice}) instead; both pick the transport by the same rules.
 */
public final class AgentChannels {

  private AgentChannels() {}

  /** A channel configured from system properties, environment and the optional properties file. */
  public static AgentChannel create() {
    return create(AgentChannelOptions.fromEnvironment());
  }

  /**
   * A channel for these options.
   *
   * @throws io.agentchannel.error.ConfigurationException for an unknown transport id (the message
   *     lists the available ones), a missing API key for a non-loopback base URL, or an invalid
   *     transport setting
   */
  public static AgentChannel create(AgentChannelOptions options) {
    return TransportRegistry.open(discover(), options);
  }

  /**
   * A channel over this provider, whatever {@code agentchannel.transport} says and whatever else is
   * on the classpath: for tests and compatibility kits that hold a provider instance (possibly one
   * not registered with {@link java.util.ServiceLoader}).
   *
   * @throws io.agentchannel.error.ConfigurationException for a missing API key for a non-loopback
   *     base URL or an invalid transport setting
   */
  public static AgentChannel create(TransportProvider provider, AgentChannelOptions options) {
    java.util.Objects.requireNonNull(provider, "provider");
    return TransportRegistry.open(provider, java.util.Objects.requireNonNull(options, "options"));
  }

  /** The ids of the transports on the classpath. */
  public static Set<String> availableTransports() {
    return discover().keySet();
  }

  private static Map<String, TransportProvider> discover() {
    return TransportRegistry.discover(AgentChannels.class.getClassLoader());
  }
}
