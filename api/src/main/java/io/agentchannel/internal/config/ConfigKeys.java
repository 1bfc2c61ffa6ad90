package io.agentchannel.internal.config;

import java.util.Objects;

/** The keys {@link io.agentchannel.AgentChannelOptions} types; providers add their own. */
public final class ConfigKeys {

  public static final String PREFIX = "agentchannel.";

  public static final String TRANSPORT = "agentchannel.transport";
  public static final String BASE_URL = "agentchannel.base-url";
  public static final String API_KEY = "agentchannel.api-key";
  public static final String TIMEOUT_CONNECT = "agentchannel.timeout.connect";
  public static final String TIMEOUT_RESPONSE_HEADERS = "agentchannel.timeout.response-headers";
  public static final String TIMEOUT_FIRST_EVENT = "agentchannel.timeout.first-event";
  public static final String TIMEOUT_IDLE = "agentchannel.timeout.idle";
  public static final String TIMEOUT_TOTAL = "agentchannel.timeout.total";
  public static final String STREAM_BUFFER_EVENTS = "agentchannel.stream.buffer-events";
  public static final String CONFIG_FILE = "agentchannel.config-file";
  public static final String TLS_TRUST_STORE = "agentchannel.tls.trust-store";
  public static final String TLS_TRUST_STORE_TYPE = "agentchannel.tls.trust-store-type";
  public static final String TLS_TRUST_STORE_PASSWORD = "agentchannel.tls.trust-store-password";
  public static final String PROXY = "agentchannel.proxy";
  public static final String NO_PROXY = "agentchannel.no-proxy";

  private ConfigKeys() {}

  /**
   * @throws IllegalArgumentException unless the key is {@code agentchannel.} followed by a name
   */
  public static String requireKey(String key) {
    Objects.requireNonNull(key, "key");
    if (!key.startsWith(PREFIX) || key.length() == PREFIX.length() || !key.strip().equals(key)) {
      throw new IllegalArgumentException(
          "not an AgentChannel setting key: \""
              + key
              + "\" (keys start with \""
              + PREFIX
              + "\", e.g. "
              + TRANSPORT
              + ")");
    }
    return key;
  }
}
