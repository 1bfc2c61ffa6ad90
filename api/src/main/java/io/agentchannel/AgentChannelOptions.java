package io.agentchannel;

import io.agentchannel.error.ConfigurationException;
import io.agentchannel.internal.config.BaseUrls;
import io.agentchannel.internal.config.ConfigKeys;
import io.agentchannel.internal.config.DurationParser;
import io.agentchannel.internal.config.EnvironmentNames;
import io.agentchannel.internal.config.LayeredSettings;
import io.agentchannel.internal.config.LoopbackHosts;
import io.agentchannel.internal.config.PropertiesFile;
import io.agentchannel.internal.config.ProxyRules;
import io.agentchannel.internal.config.ResolvedSetting;
import io.agentchannel.internal.config.SettingReader;
import io.agentchannel.internal.config.TrustStores;
import io.agentchannel.internal.config.ValueParsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Every setting of an AgentChannel, resolved from code, system properties, environment, an optional
 * properties file and defaults. The one place users configure the library; transports read their
 * own keys through {@link #setting(String)}.
 *
 * <h2>Sources</h2>
 *
 * For each key, the first source that sets it wins:
 *
 * <ol>
 *   <li><b>code</b>: the {@link Builder}'s setters;
 *   <li><b>Java system properties</b> named like the key ({@code -Dagentchannel.transport=http});
 *   <li><b>environment variables</b>: the key upper-cased, {@code .} and {@code -} replaced by
 *       {@code _} ({@code agentchannel.timeout.first-event} is {@code
 *       AGENTCHANNEL_TIMEOUT_FIRST_EVENT}). The API key and base URL are also read from {@code
 *       OPENAI_API_KEY} and {@code OPENAI_BASE_URL}, which other OpenAI clients use, right after
 *       their {@code AGENTCHANNEL_*} names. A variable set to an empty or blank value counts as
 *       unset;
 *   <li><b>a properties file</b>, if {@code agentchannel.config-file} names one (from code, {@link
 *       Builder#propertiesFile(Path)}, a system property or the environment). Its keys are the full
 *       keys ({@code agentchannel.transport=http}); other keys in it are ignored, so it may be a
 *       file shared with the application. UTF-8, or ISO-8859-1 if not valid UTF-8. A file that is
 *       named but missing or unreadable fails the build;
 *   <li><b>defaults</b>, listed below.
 * </ol>
 *
 * <p>Values are stripped of surrounding white space. {@link #sourceOf(String)} tells where a value
 * came from.
 *
 * <h2>Settings</h2>
 *
 * <table>
 *   <caption>Keys, their environment variables and defaults</caption>
 *   <tr><th>Key</th><th>Environment variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code agentchannel.transport}</td><td>{@code AGENTCHANNEL_TRANSPORT}</td>
 *       <td>{@code auto}</td>
 *       <td>Transport provider id: {@code http}, {@code websocket}, {@code vertx}, {@code auto}
 *       (let the wiring choose among the installed providers) or a vendor's id. Letters, digits,
 *       {@code .}, {@code _}, {@code -}; read case-insensitively.</td></tr>
 *   <tr><td>{@code agentchannel.base-url}</td>
 *       <td>{@code AGENTCHANNEL_BASE_URL}, then {@code OPENAI_BASE_URL}</td>
 *       <td>{@code https://api.openai.com/v1}</td>
 *       <td>Absolute {@code http}/{@code https} URL with a host, no query, fragment or user info.
 *       A trailing slash is removed.</td></tr>
 *   <tr><td>{@code agentchannel.api-key}</td>
 *       <td>{@code AGENTCHANNEL_API_KEY}, then {@code OPENAI_API_KEY}</td><td>none</td>
 *       <td>Bearer key. Never shown: not in {@link #toString()}, not in any message. Needed
 *       unless the base URL is on this machine ({@link #requireApiKeyUnlessLoopback()}).</td></tr>
 *   <tr><td>{@code agentchannel.timeout.connect}</td><td>{@code AGENTCHANNEL_TIMEOUT_CONNECT}</td>
 *       <td>{@code 10s}</td><td>Connect, TLS and WebSocket upgrade.</td></tr>
 *   <tr><td>{@code agentchannel.timeout.response-headers}</td>
 *       <td>{@code AGENTCHANNEL_TIMEOUT_RESPONSE_HEADERS}</td><td>{@code 60s}</td>
 *       <td>Request written to response headers (HTTP).</td></tr>
 *   <tr><td>{@code agentchannel.timeout.first-event}</td>
 *       <td>{@code AGENTCHANNEL_TIMEOUT_FIRST_EVENT}</td><td>{@code 60s}</td>
 *       <td>Request written to the first server event.</td></tr>
 *   <tr><td>{@code agentchannel.timeout.idle}</td><td>{@code AGENTCHANNEL_TIMEOUT_IDLE}</td>
 *       <td>{@code 300s}</td><td>Longest silence between two events.</td></tr>
 *   <tr><td>{@code agentchannel.timeout.total}</td><td>{@code AGENTCHANNEL_TIMEOUT_TOTAL}</td>
 *       <td>{@code 0} (no limit)</td><td>The whole exchange.</td></tr>
 *   <tr><td>{@code agentchannel.stream.buffer-events}</td>
 *       <td>{@code AGENTCHANNEL_STREAM_BUFFER_EVENTS}</td><td>{@code 256}</td>
 *       <td>Events a response stream buffers for a slow subscriber before it stops reading from
 *       the connection. At least 1.</td></tr>
 *   <tr><td>{@code agentchannel.tls.trust-store}</td><td>{@code AGENTCHANNEL_TLS_TRUST_STORE}</td>
 *       <td>none (the JDK's CAs)</td>
 *       <td>Key store file whose certificates are the only ones trusted for TLS (replacing the
 *       JDK's CAs), as {@link Builder#trustStore(KeyStore)} does in code. Verification of
 *       certificates and host names is never switched off.</td></tr>
 *   <tr><td>{@code agentchannel.tls.trust-store-type}</td>
 *       <td>{@code AGENTCHANNEL_TLS_TRUST_STORE_TYPE}</td><td>{@code PKCS12}</td>
 *       <td>{@code PKCS12} or {@code JKS}.</td></tr>
 *   <tr><td>{@code agentchannel.tls.trust-store-password}</td>
 *       <td>{@code AGENTCHANNEL_TLS_TRUST_STORE_PASSWORD}</td><td>none</td>
 *       <td>Password of the trust store, if it has one. Never shown.</td></tr>
 *   <tr><td>{@code agentchannel.proxy}</td><td>{@code AGENTCHANNEL_PROXY}</td>
 *       <td>from {@code HTTPS_PROXY} / {@code HTTP_PROXY}</td>
 *       <td>{@code http://host:port} for every connection (TLS is tunnelled with CONNECT), or
 *       {@code none} to ignore the environment's proxies. When unset, {@code HTTPS_PROXY} serves
 *       {@code https}/{@code wss} targets and {@code HTTP_PROXY} {@code http}/{@code ws} ones,
 *       except loopback targets. No proxy credentials. See {@link #proxyFor(URI)}.</td></tr>
 *   <tr><td>{@code agentchannel.no-proxy}</td>
 *       <td>{@code AGENTCHANNEL_NO_PROXY}, then {@code NO_PROXY}</td><td>none</td>
 *       <td>Comma-separated hosts reached directly: a name matches itself and its subdomains, an
 *       address itself, {@code *} everything.</td></tr>
 *   <tr><td>{@code agentchannel.config-file}</td><td>{@code AGENTCHANNEL_CONFIG_FILE}</td>
 *       <td>none</td><td>Path of the properties file (relative to the working directory). Not
 *       read from the file itself.</td></tr>
 *   <tr><td>any other {@code agentchannel.*} key</td><td>mapped the same way</td><td>none</td>
 *       <td>A transport provider's own setting, read with {@link #setting(String)}.</td></tr>
 * </table>
 *
 * <p>Durations are a whole number with a unit, {@code 500ms}, {@code 30s}, {@code 2m} or {@code
 * 1h}, or ISO-8601 such as {@code PT1M30S}. {@code 0} means no limit. A bare number other than
 * {@code 0} is rejected: {@code 30} could mean seconds or milliseconds, and the wrong guess turns a
 * timeout into one that fires at once or never.
 *
 * <h2>Errors</h2>
 *
 * {@link Builder#build()} and {@link #fromEnvironment()} throw {@link ConfigurationException} for
 * the first bad setting, with {@link ConfigurationException#setting()} set to its key and a message
 * that names the key, the source, the value and a value that would work (spelled as the source
 * spells the key), for example:
 *
 * <pre>
 * agentchannel.timeout.idle = "30" (from environment variable AGENTCHANNEL_TIMEOUT_IDLE) is invalid:
 * a bare number is ambiguous (milliseconds or seconds?): add a unit. For example: AGENTCHANNEL_TIMEOUT_IDLE=30s ...
 * </pre>
 *
 * The API key's value is never part of a message, even when it was pasted into another setting.
 *
 * <h2>Lifecycle and threading</h2>
 *
 * Build once, at start-up, and share. Instances are immutable and thread-safe: every source is read
 * during {@code build()} and kept as a snapshot, so later changes to system properties, environment
 * or the file do not show. {@link #toBuilder()} derives a changed copy from the same snapshot. A
 * {@link Builder} is not thread-safe.
 */
public final class AgentChannelOptions {

  /** Default of {@code agentchannel.transport}: the wiring picks an installed provider. */
  public static final String DEFAULT_TRANSPORT = "auto";

  /** Default of {@code agentchannel.base-url}: OpenAI's public API. */
  public static final URI DEFAULT_BASE_URL = URI.create("https://api.openai.com/v1");

  /** Default of {@code agentchannel.stream.buffer-events}. */
  public static final int DEFAULT_STREAM_BUFFER_EVENTS = 256;

  private static final Map<String, String> DEFAULTS = defaults();

  private final String transport;
  private final URI baseUrl;
  private final ApiKey apiKey;
  private final Timeouts timeouts;
  private final int streamBufferEvents;
  private final KeyStore trustStore;
  private final ProxyRules proxyRules;
  private final LayeredSettings settings;
  private volatile SSLContext sslContext; // built on first use: most channels need one, some none

  private AgentChannelOptions(
      String transport,
      URI baseUrl,
      ApiKey apiKey,
      Timeouts timeouts,
      int streamBufferEvents,
      KeyStore trustStore,
      ProxyRules proxyRules,
      LayeredSettings settings) {
    this.transport = transport;
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
    this.timeouts = timeouts;
    this.streamBufferEvents = streamBufferEvents;
    this.trustStore = trustStore;
    this.proxyRules = proxyRules;
    this.settings = settings;
  }

  /** A builder reading {@link System#getProperties()} and {@link System#getenv()} on build. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Everything from system properties, environment and the optional properties file; nothing from
   * code.
   *
   * @throws ConfigurationException if a setting is malformed or the named file cannot be read
   */
  public static AgentChannelOptions fromEnvironment() {
    return builder().build();
  }

  /** The transport provider id, trimmed and lower case. */
  public String transport() {
    return transport;
  }

  /** Absolute {@code http}/{@code https} URI without a trailing slash. */
  public URI baseUrl() {
    return baseUrl;
  }

  public Optional<ApiKey> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  public Timeouts timeouts() {
    return timeouts;
  }

  /** Events a response stream buffers before it stops reading; at least 1. */
  public int streamBufferEvents() {
    return streamBufferEvents;
  }

  /**
   * The URL of WebSocket mode: the base URL with {@code https} as {@code wss} (and {@code http} as
   * {@code ws}) and {@code /responses} appended, e.g. {@code wss://api.openai.com/v1/responses}.
   */
  public URI webSocketUrl() {
    // The base URL is normalised: scheme://host[:port][/path], no trailing slash, no query.
    String scheme = baseUrl.getScheme().equals("https") ? "wss" : "ws";
    String rest = baseUrl.toString().substring(baseUrl.getScheme().length());
    return URI.create(scheme + rest + "/responses");
  }

  /**
   * The certificates trusted for TLS instead of the JDK's CAs, from {@link
   * Builder#trustStore(KeyStore)} or {@code agentchannel.tls.trust-store}; empty for the JDK's
   * default trust.
   */
  public Optional<KeyStore> trustStore() {
    return Optional.ofNullable(trustStore);
  }

  /**
   * Trust managers for {@link #trustStore()}, or for the JDK's CAs when none is set; for clients
   * that take trust managers rather than an {@link SSLContext}. A new factory on every call.
   */
  public TrustManagerFactory trustManagerFactory() {
    return TrustStores.trustManagerFactory(trustStore);
  }

  /**
   * The TLS context every transport uses: it verifies certificates against {@link #trustStore()}
   * (or the JDK's CAs) and host names are checked by the transports. There is no setting that turns
   * verification off. Built once, on first use.
   */
  public SSLContext sslContext() {
    SSLContext context = sslContext;
    if (context == null) {
      context = TrustStores.sslContext(trustManagerFactory());
      sslContext = context;
    }
    return context;
  }

  /**
   * The proxy a connection to {@code target} ({@code http}, {@code https}, {@code ws} or {@code
   * wss} URL) goes through, or empty for a direct connection; see {@code agentchannel.proxy} and
   * {@code agentchannel.no-proxy} in the class comment. The address is unresolved: the proxy's name
   * is looked up when connecting.
   */
  public Optional<InetSocketAddress> proxyFor(URI target) {
    return proxyRules.proxyFor(target);
  }

  /** {@link #proxyFor(URI)} as a {@link ProxySelector}, for {@code java.net} clients. */
  public ProxySelector proxySelector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(
            proxyFor(uri)
                .map(address -> new Proxy(Proxy.Type.HTTP, address))
                .orElse(Proxy.NO_PROXY));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException error) {
        // Nothing to learn: there is one proxy per target, no list to reorder.
      }
    };
  }

  /**
   * Any setting by its full key, with the same precedence as the typed ones, as the text given
   * (stripped), or the default's text for keys that have one. This is how a transport provider
   * reads its own keys, e.g. {@code agentchannel.websocket.lanes} (environment variable {@code
   * AGENTCHANNEL_WEBSOCKET_LANES}).
   *
   * @throws IllegalArgumentException if the key does not start with {@code agentchannel.}, or is
   *     {@code agentchannel.api-key}: the key is only handed out as {@link #apiKey()}, so it stays
   *     redacted
   */
  public Optional<String> setting(String key) {
    ConfigKeys.requireKey(key);
    if (key.equals(ConfigKeys.API_KEY)) {
      throw new IllegalArgumentException(
          ConfigKeys.API_KEY + " is not available as text; use apiKey(), which keeps it redacted");
    }
    return settings.lookup(key).map(ResolvedSetting::value);
  }

  /**
   * Where a setting's value came from, for messages: {@code code}, {@code system property
   * agentchannel.x}, {@code environment variable AGENTCHANNEL_X} (or {@code OPENAI_...}), {@code
   * properties file /abs/path (key agentchannel.x)}, {@code default}, or {@code not set} for a key
   * without a value. Never the value itself.
   *
   * @throws IllegalArgumentException if the key does not start with {@code agentchannel.}
   */
  public String sourceOf(String key) {
    return settings.sourceOf(ConfigKeys.requireKey(key));
  }

  /**
   * A provider's duration setting, in the syntax of the timeouts ({@code 500ms}, {@code 30s},
   * {@code 2m}, {@code 1h}, {@code 0}, ISO-8601), if any source sets it.
   *
   * @throws ConfigurationException naming the key, its source, the bad value and an example
   * @throws IllegalArgumentException for a key outside {@code agentchannel.*} or the API key
   */
  public Optional<Duration> durationSetting(String key) {
    return typedSetting(key, DurationParser::parse, DurationParser.EXAMPLE);
  }

  /**
   * A provider's whole-number setting, if any source sets it.
   *
   * @throws ConfigurationException naming the key, its source, the bad value and an example
   * @throws IllegalArgumentException for a key outside {@code agentchannel.*} or the API key
   */
  public Optional<Integer> intSetting(String key) {
    return typedSetting(key, ValueParsers::wholeNumber, "16");
  }

  /**
   * A provider's on/off setting ({@code true} or {@code false}, in any case), if any source sets
   * it.
   *
   * @throws ConfigurationException naming the key, its source, the bad value and an example
   * @throws IllegalArgumentException for a key outside {@code agentchannel.*} or the API key
   */
  public Optional<Boolean> booleanSetting(String key) {
    return typedSetting(key, ValueParsers::bool, "true");
  }

  private <T> Optional<T> typedSetting(String key, Function<String, T> parser, String example) {
    setting(key); // the same key checks as for text
    SettingReader reader = new SettingReader(settings);
    if (apiKey != null) {
      reader = reader.hiding(apiKey.reveal());
    }
    return reader.readOptional(key, parser, example);
  }

  /**
   * Checks that a key is set, unless the base URL's host is this machine ({@code localhost}, {@code
   * 127.0.0.0/8}, {@code ::1}), where local servers such as the simulator need none. The host is
   * judged from its text; no name is resolved.
   *
   * @throws ConfigurationException for {@code agentchannel.api-key}, saying which settings to set
   */
  public void requireApiKeyUnlessLoopback() {
    if (apiKey != null || LoopbackHosts.isLoopback(baseUrl.getHost())) {
      return;
    }
    throw new ConfigurationException(
        ConfigKeys.API_KEY,
        "No API key is set, and the base URL "
            + baseUrl
            + " (from "
            + sourceOf(ConfigKeys.BASE_URL)
            + ") is not on this machine. Set the environment variable "
            + EnvironmentNames.OPENAI_API_KEY
            + ", or the setting "
            + ConfigKeys.API_KEY
            + " (system property or properties file) / environment variable "
            + EnvironmentNames.of(ConfigKeys.API_KEY)
            + ", or call AgentChannelOptions.Builder.apiKey(...).");
  }

  /**
   * A builder holding this instance's code values and its snapshot of system properties,
   * environment and properties file, so {@code toBuilder().build()} resolves to the same settings.
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Every typed setting, the API key shown as {@code ApiKey[redacted]}. */
  @Override
  public String toString() {
    return "AgentChannelOptions[transport="
        + transport
        + ", baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "none" : apiKey)
        + ", timeouts="
        + timeouts
        + ", streamBufferEvents="
        + streamBufferEvents
        + ", trustStore="
        + (trustStore == null ? "JDK default" : "custom")
        + ", proxy="
        + proxyRules
        + ", configFile="
        + settings.file().map(f -> f.path().toString()).orElse("none")
        + "]";
  }

  private static Map<String, String> defaults() {
    Timeouts t = Timeouts.defaults();
    Map<String, String> d = new LinkedHashMap<>();
    d.put(ConfigKeys.TRANSPORT, DEFAULT_TRANSPORT);
    d.put(ConfigKeys.BASE_URL, DEFAULT_BASE_URL.toString());
    d.put(ConfigKeys.TIMEOUT_CONNECT, DurationParser.format(t.connect()));
    d.put(ConfigKeys.TIMEOUT_RESPONSE_HEADERS, DurationParser.format(t.responseHeaders()));
    d.put(ConfigKeys.TIMEOUT_FIRST_EVENT, DurationParser.format(t.firstEvent()));
    d.put(ConfigKeys.TIMEOUT_IDLE, DurationParser.format(t.idle()));
    d.put(ConfigKeys.TIMEOUT_TOTAL, DurationParser.format(t.total()));
    d.put(ConfigKeys.STREAM_BUFFER_EVENTS, Integer.toString(DEFAULT_STREAM_BUFFER_EVENTS));
    return Map.copyOf(d);
  }

  /**
   * Code-level values, the highest precedence. Setters that take text store it as given and {@link
   * #build()} validates it like text from any other source; setters that take a {@link Duration} or
   * a count reject impossible values (negative, below 1) at once with {@link
   * IllegalArgumentException}. {@code null} arguments are rejected except where noted. Later calls
   * for the same key replace earlier ones, whichever setter made them. Not thread-safe.
   */
  public static final class Builder {

    private final Map<String, String> code = new LinkedHashMap<>();
    private Properties systemProperties;
    private Map<String, String> environment;
    private PropertiesFile fileAlreadyRead;
    private KeyStore trustStore;

    private Builder() {}

    private Builder(AgentChannelOptions from) {
      trustStore = from.trustStore;
      code.putAll(from.settings.code());
      Properties props = new Properties();
      props.putAll(from.settings.systemProperties());
      systemProperties = props;
      environment = from.settings.environment();
      fileAlreadyRead = from.settings.file().orElse(null);
    }

    /** {@code agentchannel.transport}: a provider id such as {@code http}. */
    public Builder transport(String id) {
      return put(ConfigKeys.TRANSPORT, id);
    }

    /** {@code agentchannel.base-url}. */
    public Builder baseUrl(String url) {
      return put(ConfigKeys.BASE_URL, url);
    }

    /** {@code agentchannel.base-url}. */
    public Builder baseUrl(URI url) {
      return put(ConfigKeys.BASE_URL, Objects.requireNonNull(url, "url").toString());
    }

    /** {@code agentchannel.api-key}. */
    public Builder apiKey(String key) {
      return put(ConfigKeys.API_KEY, key);
    }

    /** {@code agentchannel.api-key}. */
    public Builder apiKey(ApiKey key) {
      return put(ConfigKeys.API_KEY, Objects.requireNonNull(key, "key").reveal());
    }

    /** All five {@code agentchannel.timeout.*} keys at once. */
    public Builder timeouts(Timeouts t) {
      Objects.requireNonNull(t, "timeouts");
      connectTimeout(t.connect());
      responseHeadersTimeout(t.responseHeaders());
      firstEventTimeout(t.firstEvent());
      idleTimeout(t.idle());
      return totalTimeout(t.total());
    }

    /** {@code agentchannel.timeout.connect}; {@link Duration#ZERO} for no limit. */
    public Builder connectTimeout(Duration d) {
      return putDuration(ConfigKeys.TIMEOUT_CONNECT, d);
    }

    /** {@code agentchannel.timeout.response-headers}; {@link Duration#ZERO} for no limit. */
    public Builder responseHeadersTimeout(Duration d) {
      return putDuration(ConfigKeys.TIMEOUT_RESPONSE_HEADERS, d);
    }

    /** {@code agentchannel.timeout.first-event}; {@link Duration#ZERO} for no limit. */
    public Builder firstEventTimeout(Duration d) {
      return putDuration(ConfigKeys.TIMEOUT_FIRST_EVENT, d);
    }

    /** {@code agentchannel.timeout.idle}; {@link Duration#ZERO} for no limit. */
    public Builder idleTimeout(Duration d) {
      return putDuration(ConfigKeys.TIMEOUT_IDLE, d);
    }

    /** {@code agentchannel.timeout.total}; {@link Duration#ZERO} for no limit. */
    public Builder totalTimeout(Duration d) {
      return putDuration(ConfigKeys.TIMEOUT_TOTAL, d);
    }

    /** {@code agentchannel.stream.buffer-events}; at least 1. */
    public Builder streamBufferEvents(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("streamBufferEvents must be at least 1, was " + n);
      }
      return put(ConfigKeys.STREAM_BUFFER_EVENTS, Integer.toString(n));
    }

    /**
     * Any {@code agentchannel.*} key, as if set with its typed setter: typed keys are validated by
     * {@link #build()}, other keys are for transport providers. A {@code null} value removes the
     * code-level value, so lower sources apply again.
     *
     * @throws IllegalArgumentException if the key does not start with {@code agentchannel.}
     */
    public Builder setting(String key, String value) {
      ConfigKeys.requireKey(key);
      if (value == null) {
        code.remove(key);
        return this;
      }
      return put(key, value);
    }

    /**
     * The certificates to trust for TLS instead of the JDK's CAs (for a private CA, or the
     * simulator's certificate); takes precedence over {@code agentchannel.tls.trust-store}. {@code
     * null} removes it. The store is used as given: do not change it afterwards.
     */
    public Builder trustStore(KeyStore store) {
      trustStore = store;
      return this;
    }

    /** The properties file to read; overrides {@code agentchannel.config-file} from elsewhere. */
    public Builder propertiesFile(Path file) {
      return put(ConfigKeys.CONFIG_FILE, Objects.requireNonNull(file, "file").toString());
    }

    /** The system properties to read instead of {@link System#getProperties()}; for tests. */
    public Builder systemProperties(Properties props) {
      systemProperties = Objects.requireNonNull(props, "props");
      return this;
    }

    /** The environment to read instead of {@link System#getenv()}; for tests. */
    public Builder environment(Map<String, String> env) {
      environment = Objects.requireNonNull(env, "env");
      return this;
    }

    /**
     * Reads every source, validates every setting and returns the options.
     *
     * @throws ConfigurationException for the first malformed setting (see the class documentation),
     *     or a named properties file that does not exist or cannot be read
     */
    public AgentChannelOptions build() {
      LayeredSettings layers =
          LayeredSettings.snapshot(
              code,
              systemProperties != null ? systemProperties : System.getProperties(),
              environment != null ? environment : System.getenv(),
              DEFAULTS);
      Optional<ResolvedSetting> file = layers.lookup(ConfigKeys.CONFIG_FILE);
      if (file.isPresent()) {
        layers = layers.withFile(read(file.get()));
      }

      SettingReader reader = new SettingReader(layers);
      ApiKey apiKey =
          reader
              .readSecret(ConfigKeys.API_KEY, text -> ApiKey.of(ValueParsers.apiKey(text)))
              .orElse(null);
      if (apiKey != null) {
        reader = reader.hiding(apiKey.reveal());
      }
      String transport =
          reader.read(
              ConfigKeys.TRANSPORT, ValueParsers::transport, ValueParsers.TRANSPORT_EXAMPLE);
      URI baseUrl = reader.read(ConfigKeys.BASE_URL, BaseUrls::normalize, BaseUrls.EXAMPLE);
      Timeouts timeouts =
          new Timeouts(
              duration(reader, ConfigKeys.TIMEOUT_CONNECT),
              duration(reader, ConfigKeys.TIMEOUT_RESPONSE_HEADERS),
              duration(reader, ConfigKeys.TIMEOUT_FIRST_EVENT),
              duration(reader, ConfigKeys.TIMEOUT_IDLE),
              duration(reader, ConfigKeys.TIMEOUT_TOTAL));
      int bufferEvents =
          reader.read(
              ConfigKeys.STREAM_BUFFER_EVENTS,
              ValueParsers::positiveInt,
              ValueParsers.BUFFER_EVENTS_EXAMPLE);
      KeyStore trust = trustStore != null ? trustStore : trustStoreFromSettings(layers, reader);
      ProxyRules proxies = ProxyRules.resolve(layers, reader);
      return new AgentChannelOptions(
          transport, baseUrl, apiKey, timeouts, bufferEvents, trust, proxies, layers);
    }

    private static KeyStore trustStoreFromSettings(LayeredSettings layers, SettingReader reader) {
      Optional<ResolvedSetting> file = layers.lookup(ConfigKeys.TLS_TRUST_STORE);
      if (file.isEmpty()) {
        return null;
      }
      String type =
          layers
              .lookup(ConfigKeys.TLS_TRUST_STORE_TYPE)
              .map(ResolvedSetting::value)
              .orElse(TrustStores.DEFAULT_TYPE);
      char[] password =
          reader.readSecret(ConfigKeys.TLS_TRUST_STORE_PASSWORD, String::toCharArray).orElse(null);
      return TrustStores.load(file.get().value(), file.get().source(), type, password);
    }

    private PropertiesFile read(ResolvedSetting file) {
      // toBuilder() keeps the file it already read, so a derived copy does not change because the
      // file did; a different path is read afresh.
      if (fileAlreadyRead != null && fileAlreadyRead.isAt(file.value())) {
        return fileAlreadyRead;
      }
      return PropertiesFile.load(file.value(), file.source());
    }

    private static Duration duration(SettingReader reader, String key) {
      return reader.read(key, DurationParser::parse, DurationParser.EXAMPLE);
    }

    private Builder putDuration(String key, Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) {
        throw new IllegalArgumentException(
            key + " cannot be negative (" + d + "); use Duration.ZERO for no limit");
      }
      return put(key, DurationParser.format(d));
    }

    private Builder put(String key, String value) {
      code.put(key, Objects.requireNonNull(value, key));
      return this;
    }
  }
}
