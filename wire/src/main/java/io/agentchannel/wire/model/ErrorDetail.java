package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The error object the service sends: the body of an HTTP error ({@code {"error":{…}}}), the nested
 * {@code error} of a WebSocket error frame, the fields of a flat SSE {@code error} event, and
 * {@code Response.error}. Every field may be {@code null}; {@code Response.error} carries only
 * {@code code} and {@code message}.
 *
 * @param type e.g. {@code invalid_request_error}, {@code rate_limit_error}, {@code server_error}
 * @param code e.g. {@code previous_response_not_found}, {@code rate_limit_exceeded}
 * @param message the human-readable message
 * @param param the offending request field, e.g. {@code previous_response_id}
 * @param headers response headers sent with a WebSocket error frame ({@code error.headers}), or
 *     {@code null} when absent
 * @param extras every other key of the error object as read, written back unchanged (not part of
 *     the flat SSE shape, which has no error object of its own)
 */
public record ErrorDetail(
    String type,
    String code,
    String message,
    String param,
    Map<String, String> headers,
    Map<String, JsonNode> extras) {

  public ErrorDetail {
    headers = Frozen.mapOrNull(headers);
    extras = Frozen.map(extras);
  }

  /** An error with no fields beyond the typed ones. */
  public ErrorDetail(
      String type, String code, String message, String param, Map<String, String> headers) {
    this(type, code, message, param, headers, Map.of());
  }

  public static ErrorDetail of(String type, String code, String message, String param) {
    return new ErrorDetail(type, code, message, param, null);
  }
}
