package io.agentchannel.sim.internal.http;

import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.ErrorDetail;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Writes the service's HTTP error answer: the status, any headers the error carries (a 429's {@code
 * Retry-After} and rate-limit headers), and the body {@code {"error":{message, type, param, code}}}
 * with all four keys present.
 */
public final class HttpErrors {

  private HttpErrors() {}

  public static void write(HttpServerResponse response, SimError e) {
    if (response.ended() || response.closed() || response.headWritten()) {
      return;
    }
    serviceHeaders(response);
    Map<String, String> headers = e.detail().headers();
    if (headers != null) {
      headers.forEach(response::putHeader);
    }
    ErrorDetail body =
        new ErrorDetail(
            e.detail().type(), e.detail().code(), e.detail().message(), e.detail().param(), null);
    response
        .setStatusCode(e.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(WireCodec.shared().writeErrorBody(body));
  }

  /** Headers the service puts on every answer. */
  static void serviceHeaders(HttpServerResponse response) {
    response.putHeader("x-request-id", "req_" + Long.toHexString(System.nanoTime()));
    response.putHeader("openai-processing-ms", "0");
  }
}
