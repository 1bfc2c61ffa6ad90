package io.agentchannel.error;

import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.Frozen;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The service answered with an error: an HTTP error status with its JSON body, an SSE {@code error}
 * event, a WebSocket error frame, or a {@code response.failed} event.
 *
 * <p>Callers switch on {@link #code()} (e.g. {@code previous_response_not_found}, {@code
 * rate_limit_exceeded}) and {@link #status()}; {@link #retryAfter()} and {@link #headers()} carry
 * what the server said about when to retry ({@code Retry-After}, {@code x-ratelimit-*}).
 */
public non-sealed class ApiException extends AgentChannelException {

  private static final long serialVersionUID = 1L;

  /** {@link #status()} when the server gave none (an SSE error event, a failed response). */
  public static final int NO_STATUS = 0;

  private final int status;
  private final transient ErrorDetail detail;
  private final Duration retryAfter;
  private final Map<String, String> headers;

  /**
   * @param status the HTTP or HTTP-like status, or {@link #NO_STATUS}
   * @param detail what the server said, never {@code null}
   * @param retryAfter how long the server asked to wait, or {@code null}
   * @param headers response headers worth keeping (rate limits, request id); never the request's
   *     {@code Authorization}
   */
  public ApiException(
      int status, ErrorDetail detail, Duration retryAfter, Map<String, String> headers) {
    super(describe(status, Objects.requireNonNull(detail, "detail")), null);
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
    this.headers = Frozen.map(headers);
  }

  /**
   * From an {@code error} event of either shape; rate-limit headers of a WebSocket frame are kept.
   * The code {@value ConnectionLimitReachedException#CODE} gives a {@link
   * ConnectionLimitReachedException}.
   */
  public static ApiException fromEvent(ServerEvent.Error event) {
    ErrorDetail detail = event.error();
    Map<String, String> headers = detail.headers() == null ? Map.of() : detail.headers();
    int status = event.status() == null ? NO_STATUS : event.status();
    if (ConnectionLimitReachedException.CODE.equals(detail.code())) {
      return new ConnectionLimitReachedException(status, detail, retryAfterOf(headers), headers);
    }
    return new ApiException(status, detail, retryAfterOf(headers), headers);
  }

  /** From a {@code response.failed} event's response. */
  public static ApiException fromFailedResponse(Response response) {
    ErrorDetail error = response.error();
    ErrorDetail detail =
        error != null
            ? error
            : ErrorDetail.of(null, null, "response " + response.id() + " failed", null);
    return new ApiException(NO_STATUS, detail, null, Map.of());
  }

  /** Reads {@code Retry-After} (whole seconds) from headers, case-insensitively. */
  public static Duration retryAfterOf(Map<String, String> headers) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().toLowerCase(Locale.ROOT).equals("retry-after")) {
        try {
          long seconds = Long.parseLong(header.getValue().trim());
          return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
          return null; // an HTTP date: callers fall back to their own backoff
        }
      }
    }
    return null;
  }

  /** The HTTP or HTTP-like status, or {@link #NO_STATUS}. */
  public int status() {
    return status;
  }

  /** What the server said. */
  public ErrorDetail detail() {
    return detail;
  }

  /** Shorthand for {@code detail().code()}; may be {@code null}. */
  public String code() {
    return detail.code();
  }

  /** Shorthand for {@code detail().type()}; may be {@code null}. */
  public String type() {
    return detail.type();
  }

  /** Shorthand for {@code detail().param()}; may be {@code null}. */
  public String param() {
    return detail.param();
  }

  /** How long the server asked to wait before retrying, if it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Response headers kept with the error ({@code x-ratelimit-*}, {@code x-request-id}, ...). */
  public Map<String, String> headers() {
    return headers;
  }

  private static String describe(int status, ErrorDetail detail) {
    StringBuilder message = new StringBuilder();
    if (status != NO_STATUS) {
      message.append("status ").append(status).append(' ');
    }
    message.append(detail.type() == null ? "error" : detail.type());
    if (detail.code() != null) {
      message.append('/').append(detail.code());
    }
    message.append(": ").append(detail.message() == null ? "(no message)" : detail.message());
    if (detail.param() != null) {
      message.append(" (param: ").append(detail.param()).append(')');
    }
    return message.toString();
  }
}
