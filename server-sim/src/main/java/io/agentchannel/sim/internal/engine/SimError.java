package io.agentchannel.sim.internal.engine;

import io.agentchannel.model.ErrorDetail;

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

  public static SimError invalidRequest(String code, String message, String param) {
    return new SimError(400, "invalid_request_error", code, message, param);
  }

  public static SimError previousResponseNotFound(String id) {
    return invalidRequest(
        "previous_response_not_found",
        "Previous response with id '" + id + "' not found.",
        "previous_response_id");
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
