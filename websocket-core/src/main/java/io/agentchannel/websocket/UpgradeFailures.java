package io.agentchannel.websocket;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.error.WebSocketModeUnavailableException;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ErrorDetail;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a refused WebSocket upgrade (any status but 101) into the api's typed errors, the same
 * way for every WebSocket transport:
 *
 * <ul>
 *   <li>401: {@link ApiException} with status 401 (authentication; the key is never in it);
 *   <li>426: {@link WebSocketModeUnavailableException}, on which the runtime falls back to HTTP;
 *   <li>429: {@link ApiException} with {@code Retry-After} and the {@code x-ratelimit-*} headers;
 *   <li>anything else: {@link ApiException} with the status.
 * </ul>
 *
 * <p>The body is read as the HTTP error body ({@code {"error":{...}}}) when it is one; otherwise a
 * detail naming the status (and an excerpt of the body) is made up. Only the headers worth keeping
 * are kept (rate limits, {@code Retry-After}, request id), never one that could carry a credential.
 * Nothing was sent on a refused upgrade, so every error here is safe to retry as far as the request
 * is concerned. Stateless and thread-safe.
 */
public final class UpgradeFailures {

  private static final int MAX_BODY_EXCERPT = 200;

  private UpgradeFailures() {}

  /**
   * The typed error for a refused upgrade.
   *
   * @param status the HTTP status of the upgrade's answer
   * @param headers its headers (any case), or an empty map when the client library hides them
   * @param body its body, or {@code null} / empty when there is none or it is not available
   */
  public static AgentChannelException of(int status, Map<String, String> headers, String body) {
    Map<String, String> kept = keptHeaders(headers == null ? Map.of() : headers);
    ErrorDetail detail = detailOf(status, body);
    if (status == WebSocketModeUnavailableException.STATUS) {
      return new WebSocketModeUnavailableException(detail, kept);
    }
    return new ApiException(status, detail, ApiException.retryAfterOf(kept), kept);
  }

  private static ErrorDetail detailOf(int status, String body) {
    if (body != null && !body.isBlank()) {
      try {
        ErrorDetail parsed = WireCodec.shared().readErrorBody(body);
        if (parsed.message() != null || parsed.code() != null) {
          return parsed;
        }
      } catch (ProtocolViolationException notAnErrorBody) {
        // fall through: describe the status, with an excerpt of what the body said
      }
    }
    String message = "the WebSocket upgrade was refused with status " + status + describe(status);
    if (body != null && !body.isBlank()) {
      String trimmed = body.strip();
      message +=
          ": "
              + (trimmed.length() > MAX_BODY_EXCERPT
                  ? trimmed.substring(0, MAX_BODY_EXCERPT) + "..."
                  : trimmed);
    }
    return ErrorDetail.of(typeOf(status), null, message, null);
  }

  private static String describe(int status) {
    return switch (status) {
      case 401 -> " (authentication failed: check the API key)";
      case 403 -> " (forbidden)";
      case 404 -> " (no WebSocket endpoint at this URL: check the base URL)";
      case 426 -> " (the server does not offer WebSocket mode)";
      case 429 -> " (rate limited)";
      default -> "";
    };
  }

  private static String typeOf(int status) {
    if (status == 401) {
      return "authentication_error";
    }
    if (status == 429) {
      return "rate_limit_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }

  private static Map<String, String> keptHeaders(Map<String, String> headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    headers.forEach(
        (name, value) -> {
          String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
          if (value != null
              && (lower.equals("retry-after")
                  || lower.startsWith("x-ratelimit-")
                  || lower.equals("x-request-id")
                  || lower.equals("openai-processing-ms"))) {
            kept.put(lower, value);
          }
        });
    return kept;
  }
}
