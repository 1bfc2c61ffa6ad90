package io.agentchannel.sim.internal.refusal;

import io.agentchannel.wire.model.ErrorDetail;

/**
 * A request the simulated service refuses, with what it answers: an HTTP-like status and the
 * error's type, code, message and param. HTTP writes it as an error body, WebSocket mode as an
 * error frame. No stack trace: it is an answer, not a bug.
 */
public final class SimError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient ErrorDetail detail;

  public SimError(int status, String type, String code, String message, String param) {
    this(status, new ErrorDetail(type, code, message, param, null));
  }

  public SimError(int status, ErrorDetail detail) {
    super(detail.message(), null, false, false);
    this.status = status;
    this.detail = detail;
  }

  /** The message the service gives with {@code server_error}. */
  public static final String SERVER_ERROR_MESSAGE =
      "The server had an error while processing your request. Sorry about that!";

  public static SimError invalidRequest(String code, String message, String param) {
    return new SimError(400, "invalid_request_error", code, message, param);
  }

  public static SimError previousResponseNotFound(String id) {
    return invalidRequest(
        "previous_response_not_found",
        "Previous response with id '" + id + "' not found.",
        "previous_response_id");
  }

  /**
   * What the service answers when it fails itself: 500 {@code server_error}. The simulator answers
   * its own bugs this way, logged with the cause, rather than leaving the client waiting.
   */
  public static SimError unexpected(RuntimeException bug) {
    System.getLogger("io.agentchannel.sim")
        .log(System.Logger.Level.ERROR, "simulator bug; answered 500 server_error", bug);
    return serverError();
  }

  /** The service's own failure: 500, type and code {@code server_error}, its generic message. */
  public static SimError serverError() {
    return new SimError(500, "server_error", "server_error", SERVER_ERROR_MESSAGE, null);
  }

  public int status() {
    return status;
  }

  public ErrorDetail detail() {
    return detail;
  }

  public String code() {
    return detail.code();
  }
}
