package io.agentchannel.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannelOptions;
import io.agentchannel.internal.TransportRegistry;
import io.agentchannel.spi.TransportProvider;
import java.util.Map;
import java.util.Objects;

/**
 * Guice wiring: binds {@link AgentChannelOptions}, every transport provider by id in a {@link
 * MapBinder}, the provider {@code agentchannel.transport} selects, and a singleton {@link
 * AgentChannel} over it.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new AgentChannelModule());   // settings from the environment
 * AgentChannel channel = injector.getInstance(AgentChannel.class);
 * }</pre>
 *
 * <p>Transport modules on the classpath are found with {@link java.util.ServiceLoader}. A provider
 * that is not on the classpath that way can be added in another module with {@code
 * AgentChannelModule.transports(binder()).addBinding("mine").to(MyProvider.class)}.
 *
 * <p>The injector owns nothing that needs closing except the channel: close it (for example in a
 * shutdown hook) to release the connection and the transport's threads.
 */
public final class AgentChannelModule extends AbstractModule {

  private final AgentChannelOptions options;
  private final boolean discover;

  /** Options from system properties, environment and the optional properties file. */
  public AgentChannelModule() {
    this(AgentChannelOptions.fromEnvironment());
  }

  public AgentChannelModule(AgentChannelOptions options) {
    this(options, true);
  }

  /**
   * @param discover whether to bind the providers {@link java.util.ServiceLoader} finds; turn it
   *     off to bind only providers of your own
   */
  public AgentChannelModule(AgentChannelOptions options, boolean discover) {
    this.options = Objects.requireNonNull(options, "options");
    this.discover = discover;
  }

  /** The map binder of transport providers by id, to add providers from other modules. */
  public static MapBinder<String, TransportProvider> transports(Binder binder) {
    return MapBinder.newMapBinder(binder, String.class, TransportProvider.class);
  }

  @Override
  protected void configure() {
    bind(AgentChannelOptions.class).toInstance(options);
    MapBinder<String, TransportProvider> transports = transports(binder());
    if (discover) {
      TransportRegistry.discover(AgentChannelModule.class.getClassLoader())
          .forEach((id, provider) -> transports.addBinding(id).toInstance(provider));
    }
  }

  @Provides
  @Singleton
  TransportProvider selectedTransport(
      Map<String, TransportProvider> providers, AgentChannelOptions options) {
    return TransportRegistry.select(providers, options);
  }

  @Provides
  @Singleton
  AgentChannel channel(
      TransportProvider selected,
      Map<String, TransportProvider> providers,
      AgentChannelOptions options) {
    // The selected provider is bound too, for injection; the channel selects the same one and
    // wraps it with the HTTP fallback under transport=auto.
    return TransportRegistry.open(providers, options);
  }
}
