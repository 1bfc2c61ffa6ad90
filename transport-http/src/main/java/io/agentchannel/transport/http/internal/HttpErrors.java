package io.agentchannel.transport.http.internal;

import io.agentchannel.error.ApiException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ErrorDetail;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@link ApiException} of an HTTP error status from its (bounded) body and headers. */
final class HttpErrors {

  private HttpErrors() {}

  /**
   * @param body the first bytes of the body (at most {@code
   *     agentchannel.http.max-error-body-bytes})
   * @param truncated whether the body went on past them
   */
  static ApiException apiException(
      int status, HttpHeaders headers, byte[] body, boolean truncated) {
    Map<String, String> kept = keptHeaders(headers);
    String text = new String(body, StandardCharsets.UTF_8);
    ErrorDetail detail;
    try {
      detail = WireCodec.shared().readErrorBody(text);
    } catch (ProtocolViolationException notAnErrorObject) {
      detail =
          ErrorDetail.of(
              null,
              null,
              "HTTP "
                  + status
                  + " with a body that is not an error object"
                  + contentType(headers)
                  + ": "
                  + excerpt(text, truncated),
              null);
    }
    return new ApiException(status, detail, ApiException.retryAfterOf(kept), kept);
  }

  /**
   * The headers worth keeping with an error: when to retry, the rate-limit state, the request id.
   * Never a request header; responses carry no credentials.
   */
  static Map<String, String> keptHeaders(HttpHeaders headers) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : headers.map().entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (header.getValue().isEmpty()) {
        continue;
      }
      if (name.equals("retry-after")
          || name.equals("retry-after-ms")
          || name.equals("x-request-id")
          || name.startsWith("x-ratelimit-")) {
        kept.put(name, header.getValue().get(0));
      }
    }
    return kept;
  }

  static String excerpt(String text, boolean truncated) {
    String flat = text.strip();
    int max = ProtocolViolationException.MAX_EXCERPT;
    if (flat.length() > max) {
      return flat.substring(0, max) + "...";
    }
    return truncated ? flat + "..." : flat;
  }

  private static String contentType(HttpHeaders headers) {
    return headers.firstValue("content-type").map(type -> " (" + type + ")").orElse("");
  }
}
