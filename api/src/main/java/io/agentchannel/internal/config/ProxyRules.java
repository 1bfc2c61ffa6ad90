package io.agentchannel.internal.config;

import io.agentchannel.error.ConfigurationException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy, if any, a connection to a target goes through: {@code agentchannel.proxy} when set
 * ({@code none} turns proxies off), else the conventional {@code HTTPS_PROXY} / {@code HTTP_PROXY}
 * variables by the target's scheme ({@code wss} counts as {@code https}, {@code ws} as {@code
 * http}). {@code NO_PROXY} (or {@code agentchannel.no-proxy}) lists hosts reached directly: a name
 * matches itself and its subdomains ({@code example.com} and {@code .example.com} both match {@code
 * api.example.com}), an address matches itself, {@code *} matches everything. Loopback targets
 * bypass proxies taken from the environment, because a machine-wide proxy almost never serves the
 * machine itself; an explicit {@code agentchannel.proxy} applies to them too.
 *
 * <p>Only plain {@code http://host:port} proxies (HTTP CONNECT for TLS targets) are supported;
 * proxy credentials are not, and a proxy URL carrying them is refused rather than silently used
 * without them.
 */
public final class ProxyRules {

  public static final String EXAMPLE = "http://proxy.internal:3128";
  public static final String NO_PROXY_EXAMPLE = "localhost,.internal.example.com";

  private static final List<String> HTTPS_VARIABLES = List.of("HTTPS_PROXY", "https_proxy");
  private static final List<String> HTTP_VARIABLES = List.of("HTTP_PROXY", "http_proxy");

  /** The environment variables these rules read, so a settings snapshot keeps them. */
  public static final List<String> VARIABLES =
      List.of("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy");

  private final InetSocketAddress explicit;
  private final boolean disabled;
  private final InetSocketAddress httpsProxy;
  private final InetSocketAddress httpProxy;
  private final List<String> noProxy;

  private ProxyRules(
      InetSocketAddress explicit,
      boolean disabled,
      InetSocketAddress httpsProxy,
      InetSocketAddress httpProxy,
      List<String> noProxy) {
    this.explicit = explicit;
    this.disabled = disabled;
    this.httpsProxy = httpsProxy;
    this.httpProxy = httpProxy;
    this.noProxy = noProxy;
  }

  /**
   * Reads {@code agentchannel.proxy}, {@code agentchannel.no-proxy} and the environment's proxy
   * variables.
   *
   * @throws ConfigurationException naming the setting or variable whose value is unusable
   */
  public static ProxyRules resolve(LayeredSettings settings, SettingReader reader) {
    Optional<String> setting = reader.readOptional(ConfigKeys.PROXY, ProxyRules::setting, EXAMPLE);
    List<String> noProxy =
        reader
            .readOptional(ConfigKeys.NO_PROXY, ProxyRules::noProxyList, NO_PROXY_EXAMPLE)
            .orElse(List.of());
    if (setting.isPresent()) {
      boolean none = setting.get().equals("none");
      return new ProxyRules(none ? null : address(setting.get()), none, null, null, noProxy);
    }
    Map<String, String> env = settings.environment();
    return new ProxyRules(
        null,
        false,
        fromEnvironment(env, HTTPS_VARIABLES),
        fromEnvironment(env, HTTP_VARIABLES),
        noProxy);
  }

  /** The proxy for a connection to {@code target} ({@code http}, {@code https}, {@code ws(s)}). */
  public Optional<InetSocketAddress> proxyFor(URI target) {
    if (disabled || target == null || target.getHost() == null) {
      return Optional.empty();
    }
    String host = target.getHost().toLowerCase(Locale.ROOT);
    if (bypassed(host)) {
      return Optional.empty();
    }
    if (explicit != null) {
      return Optional.of(explicit);
    }
    if (LoopbackHosts.isLoopback(host)) {
      return Optional.empty();
    }
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    boolean secure = scheme.equals("https") || scheme.equals("wss");
    return Optional.ofNullable(secure ? httpsProxy : httpProxy);
  }

  private boolean bypassed(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    for (String entry : noProxy) {
      if (entry.equals("*") || bare.equals(entry) || bare.endsWith("." + entry)) {
        return true;
      }
    }
    return false;
  }

  private static InetSocketAddress fromEnvironment(Map<String, String> env, List<String> names) {
    for (String name : names) {
      String value = env.get(name);
      if (value != null && !value.isBlank()) {
        try {
          return address(value.strip());
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(
              ConfigKeys.PROXY,
              "environment variable "
                  + name
                  + " is not a usable proxy: "
                  + e.getMessage()
                  + ". For example: "
                  + name
                  + "="
                  + EXAMPLE
                  + ", or set "
                  + ConfigKeys.PROXY
                  + "=none to ignore it");
        }
      }
    }
    return null;
  }

  private static String setting(String text) {
    String value = text.strip();
    if (value.equalsIgnoreCase("none")) {
      return "none";
    }
    address(value); // validates
    return value;
  }

  /** {@code http://host:port}, or {@code host:port}; the port defaults to 80. */
  static InetSocketAddress address(String text) {
    String value = text.contains("://") ? text : "http://" + text;
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL (" + e.getReason() + ")");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme())) {
      throw new IllegalArgumentException(
          "only http:// proxies are supported (TLS targets are tunnelled with CONNECT)");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("proxy credentials are not supported");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("it has no host");
    }
    String path = uri.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
      throw new IllegalArgumentException("a proxy URL has no path or query");
    }
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    return InetSocketAddress.createUnresolved(uri.getHost(), port);
  }

  private static List<String> noProxyList(String text) {
    List<String> entries = new ArrayList<>();
    for (String raw : text.split(",")) {
      String entry = raw.strip().toLowerCase(Locale.ROOT);
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.startsWith("[") && entry.contains("]")) {
        entry = entry.substring(1, entry.indexOf(']')); // [::1]:8080 -> ::1
      } else if (entry.indexOf(':') == entry.lastIndexOf(':') && entry.indexOf(':') > 0) {
        entry = entry.substring(0, entry.indexOf(':')); // host:port -> host
      }
      while (entry.startsWith(".")) {
        entry = entry.substring(1);
      }
      if (!entry.isEmpty()) {
        entries.add(entry);
      }
    }
    return List.copyOf(entries);
  }

  @Override
  public String toString() {
    if (disabled) {
      return "none";
    }
    if (explicit != null) {
      return "http://" + explicit.getHostString() + ":" + explicit.getPort();
    }
    return httpsProxy == null && httpProxy == null ? "none" : "from environment";
  }
}
