package io.agentchannel.internal;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.error.ConfigurationException;
import io.agentchannel.internal.runtime.FallbackTransport;
import io.agentchannel.spi.TransportProvider;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds transport providers and picks the configured one. Shared by the plain factory and the Guice
 * module so both select exactly alike.
 */
public final class TransportRegistry {

  /** The setting that names the transport. */
  public static final String TRANSPORT_SETTING = "agentchannel.transport";

  /** The id that means "the best transport on the classpath". */
  public static final String AUTO = "auto";

  /**
   * What {@code auto} prefers, best first: WebSocket mode where a transport offers it, HTTP as the
   * fallback every classpath with any transport module has.
   */
  private static final String HTTP = "http";

  static final List<String> AUTO_PREFERENCE = List.of("websocket", "vertx", "http");

  private TransportRegistry() {}

  /**
   * Every provider registered with {@link ServiceLoader}, by id.
   *
   * @throws ConfigurationException if two providers claim the same id
   */
  public static Map<String, TransportProvider> discover(ClassLoader loader) {
    Map<String, TransportProvider> byId = new TreeMap<>();
    for (TransportProvider provider : ServiceLoader.load(TransportProvider.class, loader)) {
      TransportProvider clash = byId.putIfAbsent(provider.id(), provider);
      if (clash != null) {
        throw new ConfigurationException(
            TRANSPORT_SETTING,
            "two transport providers claim the id '"
                + provider.id()
                + "': "
                + clash.getClass().getName()
                + " and "
                + provider.getClass().getName()
                + "; remove one of their modules from the classpath");
      }
    }
    return Collections.unmodifiableMap(byId);
  }

  /**
   * Selects the transport the options name and opens a channel over it. For {@code auto}, when the
   * choice is a WebSocket transport and {@code http} is present too, the channel falls back to HTTP
   * for the rest of its life when WebSocket mode is unavailable ({@link FallbackTransport}).
   */
  public static AgentChannel open(
      Map<String, TransportProvider> providers, AgentChannelOptions options) {
    TransportProvider selected = select(providers, options);
    TransportProvider http = providers.get(HTTP);
    if (!AUTO.equals(options.transport())
        || http == null
        || selected == http
        || !selected.capabilities().contains(Capability.PERSISTENT_CONNECTION)) {
      return open(selected, options);
    }
    options.requireApiKeyUnlessLoopback();
    FallbackTransport transport =
        new FallbackTransport(
            selected, http, options, FallbackTransport.DEFAULT_MAX_FAILED_CONNECTS);
    return new DefaultAgentChannel(selected.id(), transport, options);
  }

  /** Checks the API key and opens a channel over a new transport of this provider. */
  public static AgentChannel open(TransportProvider provider, AgentChannelOptions options) {
    options.requireApiKeyUnlessLoopback();
    return new DefaultAgentChannel(provider.id(), provider.create(options), options);
  }

  /**
   * The provider the options name; for {@code auto}, the first of {@code websocket}, {@code vertx},
   * {@code http} that is present.
   *
   * @throws ConfigurationException naming the available ids when the configured one is missing
   */
  public static TransportProvider select(
      Map<String, TransportProvider> providers, AgentChannelOptions options) {
    String id = options.transport();
    if (AUTO.equals(id)) {
      for (String preferred : AUTO_PREFERENCE) {
        TransportProvider provider = providers.get(preferred);
        if (provider != null) {
          return provider;
        }
      }
      if (providers.size() == 1) {
        return providers.values().iterator().next();
      }
      throw new ConfigurationException(
          TRANSPORT_SETTING,
          providers.isEmpty()
              ? "no transport on the classpath: add a transport module such as"
                  + " agentchannel-transport-http or agentchannel-transport-websocket"
              : "transport 'auto' found none of "
                  + AUTO_PREFERENCE
                  + " and cannot choose among "
                  + providers.keySet()
                  + "; set "
                  + TRANSPORT_SETTING
                  + " to one of them");
    }
    TransportProvider provider = providers.get(id);
    if (provider == null) {
      throw new ConfigurationException(
          TRANSPORT_SETTING,
          "unknown transport '"
              + id
              + "' (set by "
              + options.sourceOf(TRANSPORT_SETTING)
              + "); available: "
              + (providers.isEmpty() ? "none, add a transport module" : providers.keySet())
              + ", or '"
              + AUTO
              + "'");
    }
    return provider;
  }
}
