package io.agentchannel.sim.internal.fault;

import io.agentchannel.sim.internal.refusal.SimError;
import java.util.Locale;

/**
 * One injected fault, parsed from a directive. Directives are {@code name[:arg[:arg]]}:
 *
 * <ul>
 *   <li>{@code status:<code>[:<retry-after seconds>]} refuse the request with that HTTP status (a
 *       WebSocket error frame with that {@code status}); 429 carries {@code Retry-After} and the
 *       {@code x-ratelimit-*} headers; on the WebSocket upgrade it refuses the upgrade itself;
 *   <li>{@code close_after:<k>} drop the connection after k events, without a close frame;
 *   <li>{@code stall_after:<k>} stop sending after k events and keep the connection open;
 *   <li>{@code error_after:<k>} after k events, an {@code error} event ends the response;
 *   <li>{@code fail_after:<k>} after k events, {@code response.failed} ends the response;
 *   <li>{@code ws_close:<code>[:<k>]} close the WebSocket with that close code after k events (0 by
 *       default); 1006 drops the connection without a close frame, as a network failure would;
 *   <li>{@code malformed_after:<k>} after k events, one frame that is not JSON, then the rest;
 *   <li>{@code oversized_after:<k>[:<bytes>]} after k events, one valid text delta of the given
 *       size (16 MiB + 1 by default), then the rest;
 *   <li>{@code previous_response_not_found} answer as if the previous response were unknown;
 *   <li>{@code connection_limit} answer {@code websocket_connection_limit_reached} now.
 * </ul>
 *
 * @param kind which fault
 * @param afterEvents events written before the fault strikes
 * @param value the status or close code, or the size of an oversized frame
 * @param retryAfterSeconds the {@code Retry-After} of a 429, or 0
 */
public record Fault(Kind kind, int afterEvents, int value, int retryAfterSeconds) {

  /** Default size of an oversized frame: one byte past 16 MiB, a common client limit. */
  public static final int DEFAULT_OVERSIZED_BYTES = 16 * 1024 * 1024 + 1;

  /** The kinds of fault. */
  public enum Kind {
    STATUS,
    CLOSE_AFTER,
    STALL_AFTER,
    ERROR_AFTER,
    FAIL_AFTER,
    WS_CLOSE,
    MALFORMED_AFTER,
    OVERSIZED_AFTER,
    PREVIOUS_RESPONSE_NOT_FOUND,
    CONNECTION_LIMIT
  }

  /** Whether the fault refuses the request before any event is written. */
  public boolean refusesRequest() {
    return kind == Kind.STATUS
        || kind == Kind.PREVIOUS_RESPONSE_NOT_FOUND
        || kind == Kind.CONNECTION_LIMIT;
  }

  /**
   * Parses one directive.
   *
   * @param source where the directive came from ({@code x-sim-fault} or {@code
   *     metadata.sim_fault}), named in the error
   * @throws SimError a 400 naming the directive and {@code source} when it is not one of the above
   */
  public static Fault parse(String directive, String source) {
    String[] parts = directive.trim().toLowerCase(Locale.ROOT).split(":", -1);
    try {
      switch (parts[0]) {
        case "status":
          int status = number(parts, 1, -1);
          if (status < 400 || status > 599) {
            throw new IllegalArgumentException();
          }
          return new Fault(Kind.STATUS, 0, status, number(parts, 2, status == 429 ? 1 : 0));
        case "close_after":
          return after(Kind.CLOSE_AFTER, parts, 0);
        case "stall_after":
          return after(Kind.STALL_AFTER, parts, 0);
        case "error_after":
          return after(Kind.ERROR_AFTER, parts, 0);
        case "fail_after":
          return after(Kind.FAIL_AFTER, parts, 0);
        case "malformed_after":
          return after(Kind.MALFORMED_AFTER, parts, 0);
        case "oversized_after":
          return after(Kind.OVERSIZED_AFTER, parts, number(parts, 2, DEFAULT_OVERSIZED_BYTES));
        case "ws_close":
          int code = number(parts, 1, -1);
          if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException();
          }
          return new Fault(Kind.WS_CLOSE, number(parts, 2, 0), code, 0);
        case "previous_response_not_found":
          return new Fault(Kind.PREVIOUS_RESPONSE_NOT_FOUND, 0, 0, 0);
        case "connection_limit":
          return new Fault(Kind.CONNECTION_LIMIT, 0, 0, 0);
        default:
          throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw SimError.invalidRequest(
          "invalid_value",
          "Invalid fault directive '"
              + directive
              + "' in "
              + source
              + ". Expected one of: status:<code>[:<retry-after>], close_after:<k>, stall_after:<k>,"
              + " error_after:<k>, fail_after:<k>, ws_close:<code>[:<k>], malformed_after:<k>,"
              + " oversized_after:<k>[:<bytes>], previous_response_not_found, connection_limit.",
          source);
    }
  }

  private static Fault after(Kind kind, String[] parts, int value) {
    return new Fault(kind, number(parts, 1, -1), value, 0);
  }

  /** The non-negative integer at {@code index}, {@code fallback} when absent (-1: required). */
  private static int number(String[] parts, int index, int fallback) {
    if (parts.length <= index) {
      if (fallback < 0) {
        throw new IllegalArgumentException();
      }
      return fallback;
    }
    int n = Integer.parseInt(parts[index]);
    if (n < 0) {
      throw new IllegalArgumentException();
    }
    return n;
  }
}
