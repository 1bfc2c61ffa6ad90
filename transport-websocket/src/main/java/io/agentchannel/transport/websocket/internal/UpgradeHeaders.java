package io.agentchannel.transport.websocket.internal;

import io.agentchannel.ApiKey;
import jakarta.websocket.ClientEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Puts {@code Authorization: Bearer <key>} (and any extra headers) on every upgrade request. The
 * key is read from {@link ApiKey} only here, into the header; it is never logged.
 */
final class UpgradeHeaders extends ClientEndpointConfig.Configurator {

  private final ApiKey apiKey;
  private final Map<String, String> extra;

  UpgradeHeaders(ApiKey apiKey, Map<String, String> extra) {
    this.apiKey = apiKey;
    this.extra = Map.copyOf(extra);
  }

  @Override
  public void beforeRequest(Map<String, List<String>> headers) {
    extra.forEach((name, value) -> headers.put(name, List.of(value)));
    if (apiKey != null) {
      headers.put("Authorization", List.of(apiKey.bearerHeader()));
    }
  }

  @Override
  public String toString() {
    return "UpgradeHeaders[authorization=" + (apiKey == null ? "none" : "redacted") + "]";
  }
}
