package io.agentchannel.transport.http;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.ConfigurationException;
import java.util.Locale;

/**
 * The HTTP transport's own settings, read from the {@code agentchannel.http.*} keys of {@link
 * AgentChannelOptions} (code, system properties, environment {@code AGENTCHANNEL_HTTP_*},
 * properties file, in that order). The common settings (base URL, API key, timeouts, buffer size,
 * TLS trust store, proxy) are on {@link AgentChannelOptions} itself.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>Key</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code agentchannel.http.version}</td><td>{@code auto}</td>
 *       <td>{@code auto}: HTTP/2 over TLS when the server offers it through ALPN, else HTTP/1.1;
 *       plain {@code http://} always uses HTTP/1.1 (no {@code h2c} upgrade).
 *       {@code http/1.1}: never HTTP/2.</td></tr>
 *   <tr><td>{@code agentchannel.http.max-event-bytes}</td><td>{@value #DEFAULT_MAX_EVENT_BYTES}
 *       (16 MiB)</td>
 *       <td>Largest SSE event (its lines and data) accepted; a bigger one fails the response with
 *       a {@link io.agentchannel.error.ProtocolViolationException}. At least 1024.</td></tr>
 *   <tr><td>{@code agentchannel.http.max-error-body-bytes}</td>
 *       <td>{@value #DEFAULT_MAX_ERROR_BODY_BYTES}</td>
 *       <td>How much of an HTTP error body is read to build the {@link
 *       io.agentchannel.error.ApiException}; the rest is not read. At least 256.</td></tr>
 * </table>
 *
 * <p>Immutable and thread-safe.
 *
 * @param version which HTTP versions may be used
 * @param maxEventBytes the largest SSE event accepted, in bytes
 * @param maxErrorBodyBytes the most bytes of an error body read
 */
public record HttpTransportOptions(Version version, int maxEventBytes, int maxErrorBodyBytes) {

  /** Key of {@link #version()}. */
  public static final String VERSION_KEY = "agentchannel.http.version";

  /** Key of {@link #maxEventBytes()}. */
  public static final String MAX_EVENT_BYTES_KEY = "agentchannel.http.max-event-bytes";

  /** Key of {@link #maxErrorBodyBytes()}. */
  public static final String MAX_ERROR_BODY_BYTES_KEY = "agentchannel.http.max-error-body-bytes";

  /** Default of {@link #maxEventBytes()}: 16 MiB. */
  public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

  /** Default of {@link #maxErrorBodyBytes()}: 64 KiB. */
  public static final int DEFAULT_MAX_ERROR_BODY_BYTES = 64 * 1024;

  /** Which HTTP versions the transport may use. */
  public enum Version {
    /** HTTP/2 over TLS when the server offers it (ALPN), else HTTP/1.1. */
    AUTO,
    /** HTTP/1.1 only. */
    HTTP_1_1
  }

  /**
   * @throws IllegalArgumentException if a bound is below its minimum
   */
  public HttpTransportOptions {
    java.util.Objects.requireNonNull(version, "version");
    if (maxEventBytes < 1024) {
      throw new IllegalArgumentException("maxEventBytes must be >= 1024: " + maxEventBytes);
    }
    if (maxErrorBodyBytes < 256) {
      throw new IllegalArgumentException("maxErrorBodyBytes must be >= 256: " + maxErrorBodyBytes);
    }
  }

  /** The defaults: {@code auto}, 16 MiB, 64 KiB. */
  public static HttpTransportOptions defaults() {
    return new HttpTransportOptions(
        Version.AUTO, DEFAULT_MAX_EVENT_BYTES, DEFAULT_MAX_ERROR_BODY_BYTES);
  }

  /**
   * Reads the {@code agentchannel.http.*} keys.
   *
   * @throws ConfigurationException naming the key, its source and the bad value
   */
  public static HttpTransportOptions from(AgentChannelOptions options) {
    Version version =
        options
            .setting(VERSION_KEY)
            .map(value -> parseVersion(options, value))
            .orElse(Version.AUTO);
    int maxEvent = atLeast(options, MAX_EVENT_BYTES_KEY, DEFAULT_MAX_EVENT_BYTES, 1024);
    int maxErrorBody =
        atLeast(options, MAX_ERROR_BODY_BYTES_KEY, DEFAULT_MAX_ERROR_BODY_BYTES, 256);
    return new HttpTransportOptions(version, maxEvent, maxErrorBody);
  }

  private static Version parseVersion(AgentChannelOptions options, String value) {
    switch (value.toLowerCase(Locale.ROOT)) {
      case "auto":
        return Version.AUTO;
      case "http/1.1":
      case "http1.1":
      case "http_1_1":
        return Version.HTTP_1_1;
      default:
        throw new ConfigurationException(
            VERSION_KEY,
            VERSION_KEY
                + " = \""
                + value
                + "\" ("
                + options.sourceOf(VERSION_KEY)
                + ") is invalid: expected auto or http/1.1");
    }
  }

  private static int atLeast(AgentChannelOptions options, String key, int fallback, int minimum) {
    int value = options.intSetting(key).orElse(fallback);
    if (value < minimum) {
      throw new ConfigurationException(
          key,
          key
              + " = "
              + value
              + " ("
              + options.sourceOf(key)
              + ") is invalid: it must be at least "
              + minimum);
    }
    return value;
  }
}
