package io.agentchannel.sim.internal;

import io.agentchannel.sim.internal.refusal.SimError;
import java.util.Set;

/**
 * Bearer authentication as the service does it, on HTTP requests and on the WebSocket upgrade
 * alike. The messages never contain a whole key: at most its first three and last two characters,
 * the service's own masking. Thread-safe.
 */
public final class Auth {

  private static final String BEARER = "Bearer ";

  private final Set<String> keys;

  public Auth(Set<String> keys) {
    this.keys = Set.copyOf(keys);
  }

  public boolean enabled() {
    return !keys.isEmpty();
  }

  /**
   * Checks an {@code Authorization} header.
   *
   * @throws SimError a 401 when authentication is on and the header is missing or wrong
   */
  public void check(String authorization) {
    if (keys.isEmpty()) {
      return;
    }
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || authorization.length() == BEARER.length()) {
      throw new SimError(
          401,
          "invalid_request_error",
          null,
          "You didn't provide an API key. You need to provide your API key in an Authorization"
              + " header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          null);
    }
    String key = authorization.substring(BEARER.length()).trim();
    if (!keys.contains(key)) {
      throw new SimError(
          401,
          "invalid_request_error",
          "invalid_api_key",
          "Incorrect API key provided: " + masked(key) + ".",
          null);
    }
  }

  static String masked(String key) {
    if (key.length() <= 8) {
      return "****";
    }
    return key.substring(0, 3)
        + "*".repeat(Math.min(20, key.length() - 5))
        + key.substring(key.length() - 2);
  }
}
