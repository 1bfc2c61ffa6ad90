package io.agentchannel.sim.internal.refusal;

import io.agentchannel.wire.model.ErrorDetail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's answers to a refused request, by status: what a {@code status:<code>} fault
 * answers, and the rate-limit headers that go with a 429.
 */
public final class Refusals {

  private Refusals() {}

  /** The error a {@code status:<code>} fault answers with. */
  public static SimError ofStatus(int status, int retryAfterSeconds) {
    return switch (status) {
      case 401 ->
          new SimError(
              401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.", null);
      case 403 ->
          new SimError(
              403,
              "invalid_request_error",
              "unsupported_country_region_territory",
              "Country, region, or territory not supported.",
              null);
      case 404 -> new SimError(404, "invalid_request_error", "not_found", "Not found.", null);
      case 426 ->
          new SimError(
              426,
              "invalid_request_error",
              "upgrade_required",
              "WebSocket mode is not available on this server.",
              null);
      case 429 ->
          new SimError(
              429,
              new ErrorDetail(
                  "requests",
                  "rate_limit_exceeded",
                  "Rate limit reached for requests. Please try again in "
                      + retryAfterSeconds
                      + "s.",
                  null,
                  rateLimitHeaders(retryAfterSeconds)));
      case 500 -> SimError.serverError();
      case 503 ->
          new SimError(
              503,
              "server_error",
              null,
              "The engine is currently overloaded, please try again later.",
              null);
      default ->
          new SimError(
              status,
              status < 500 ? "invalid_request_error" : "server_error",
              null,
              "Simulated error with status " + status + ".",
              null);
    };
  }

  /** The headers a 429 carries, the lower-case names the service uses. */
  public static Map<String, String> rateLimitHeaders(int retryAfterSeconds) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("retry-after", Integer.toString(retryAfterSeconds));
    headers.put("x-ratelimit-limit-requests", "10000");
    headers.put("x-ratelimit-remaining-requests", "0");
    headers.put("x-ratelimit-reset-requests", retryAfterSeconds + "s");
    headers.put("x-ratelimit-limit-tokens", "30000000");
    headers.put("x-ratelimit-remaining-tokens", "0");
    headers.put("x-ratelimit-reset-tokens", retryAfterSeconds + "s");
    return headers;
  }
}
