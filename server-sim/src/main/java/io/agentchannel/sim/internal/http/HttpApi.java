package io.agentchannel.sim.internal.http;

import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.sim.internal.Auth;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.fault.FaultInjector;
import io.agentchannel.sim.internal.refusal.Refusals;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.sim.internal.run.TurnRunner;
import io.agentchannel.sim.internal.store.StoredResponse;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP side: {@code POST /v1/responses} (a JSON body, or SSE with {@code stream:true}), {@code
 * GET} and {@code DELETE /v1/responses/{id}}, and the unauthenticated {@code /metrics} and {@code
 * /v1/sim/stats} pages. Errors get the service's body, {@code {"error":{message, type, param,
 * code}}}. One instance per event loop; its handlers run on that loop.
 */
public final class HttpApi {

  static final String RESPONSES = "/v1/responses";
  static final String METRICS = "/metrics";
  static final String STATS = "/v1/sim/stats";

  private final Vertx vertx;
  private final Simulator sim;
  private final Auth auth;
  private final WireCodec codec = WireCodec.shared();

  public HttpApi(Vertx vertx, Simulator sim, Auth auth) {
    this.vertx = vertx;
    this.sim = sim;
    this.auth = auth;
  }

  public void handle(HttpServerRequest req) {
    String path = req.path();
    try {
      if (path.equals(METRICS) && req.method() == HttpMethod.GET) {
        plain(req, 200, "text/plain; version=0.0.4; charset=utf-8", sim.metrics().prometheusText());
        return;
      }
      if (path.equals(STATS) && req.method() == HttpMethod.GET) {
        plain(req, 200, "application/json", sim.metrics().statsJson());
        return;
      }
      if (path.equals(RESPONSES)) {
        if (req.method() != HttpMethod.POST) {
          throw methodNotAllowed(req);
        }
        auth.check(req.getHeader(HttpHeaders.AUTHORIZATION));
        readBody(req);
        return;
      }
      if (path.startsWith(RESPONSES + "/") && path.indexOf('/', RESPONSES.length() + 1) < 0) {
        auth.check(req.getHeader(HttpHeaders.AUTHORIZATION));
        stored(req, path.substring(RESPONSES.length() + 1));
        return;
      }
      throw new SimError(
          404,
          "invalid_request_error",
          null,
          "Invalid URL (" + req.method() + " " + path + ")",
          null);
    } catch (SimError e) {
      refuse(req, e);
    } catch (RuntimeException bug) {
      refuse(req, SimError.unexpected(bug));
    }
  }

  private static SimError methodNotAllowed(HttpServerRequest req) {
    return new SimError(
        405,
        "invalid_request_error",
        null,
        "Invalid method for URL (" + req.method() + " " + req.path() + ")",
        null);
  }

  private void stored(HttpServerRequest req, String id) {
    StoredResponse stored = sim.store().get(id);
    if (req.method() == HttpMethod.GET) {
      if (stored == null) {
        throw notFound(id);
      }
      plain(req, 200, "application/json", codec.writeResponse(stored.response()));
    } else if (req.method() == HttpMethod.DELETE) {
      if (!sim.store().delete(id)) {
        throw notFound(id);
      }
      plain(
          req,
          200,
          "application/json",
          "{\"id\":\"" + id + "\",\"object\":\"response.deleted\",\"deleted\":true}");
    } else {
      throw methodNotAllowed(req);
    }
  }

  private static SimError notFound(String id) {
    return new SimError(
        404, "invalid_request_error", null, "Response with id '" + id + "' not found.", null);
  }

  /** Reads the body up to the size limit; past it, answers 413 without reading further. */
  private void readBody(HttpServerRequest req) {
    int limit = sim.options().maxRequestBytes();
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    req.handler(
        chunk -> {
          if (refused[0]) {
            return;
          }
          if (body.length() + chunk.length() > limit) {
            refused[0] = true;
            // The rest of the body is never read, so the connection cannot carry another request;
            // saying so keeps the client from reusing it.
            req.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(
                req,
                new SimError(
                    413,
                    "invalid_request_error",
                    "request_too_large",
                    "The request body exceeds the limit of " + limit + " bytes.",
                    null));
            req.connection().close();
            return;
          }
          body.appendBuffer(chunk);
        });
    req.endHandler(
        v -> {
          if (!refused[0]) {
            try {
              create(req, body.toString(StandardCharsets.UTF_8));
            } catch (SimError e) {
              refuse(req, e);
            } catch (RuntimeException bug) {
              refuse(req, SimError.unexpected(bug));
            }
          }
        });
  }

  private void create(HttpServerRequest req, String body) {
    CreateRequest request;
    try {
      request = codec.readCreateRequest(body);
    } catch (ProtocolViolationException e) {
      throw invalidBody(e);
    }
    if (request.streamId() != null) {
      throw SimError.invalidRequest(
          "unknown_parameter", "Unknown parameter: 'stream_id'.", "stream_id");
    }
    Simulator.checkRequest(request);
    Fault fault = sim.faultOf(request, req.getHeader(FaultInjector.HEADER));
    if (fault != null && fault.kind() == Fault.Kind.STATUS) {
      throw Refusals.ofStatus(fault.value(), fault.retryAfterSeconds());
    }
    Continuation continuation = resolve(request, fault);
    PreparedTurn turn = sim.prepare(request, continuation, Simulator.Transport.HTTP, null, fault);
    HttpServerResponse response = req.response();
    HttpErrors.serviceHeaders(response);
    boolean streaming = Boolean.TRUE.equals(request.stream());
    TurnRunner runner;
    if (streaming) {
      response
          .setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
      runner =
          new TurnRunner(vertx, turn, new SseOutput(req), result -> finished(turn, result, null));
    } else {
      runner =
          new TurnRunner(
              vertx, turn, new CollectingOutput(req), result -> finished(turn, result, response));
    }
    response.closeHandler(v -> runner.cancel());
    runner.start();
  }

  /** Store the response, count the turn, and answer a non-streaming request. */
  private void finished(PreparedTurn turn, TurnRunner.Result result, HttpServerResponse body) {
    if (result.finalResponse() != null) {
      sim.store().put(turn.finished(result.finalResponse()));
    }
    sim.count(Simulator.Transport.HTTP, result);
    if (body == null || body.closed() || body.ended()) {
      return;
    }
    switch (result.outcome()) {
      case COMPLETED, INCOMPLETE ->
          plainResponse(body, 200, "application/json", codec.writeResponse(result.finalResponse()));
      case FAILED -> {
        ErrorDetail e = result.finalResponse().error();
        HttpErrors.write(body, new SimError(500, "server_error", e.code(), e.message(), null));
      }
      default -> HttpErrors.write(body, SimError.serverError());
    }
  }

  private Continuation resolve(CreateRequest request, Fault fault) {
    String previous = request.previousResponseId();
    if (previous == null) {
      return Continuation.none();
    }
    StoredResponse parent = sim.store().get(previous);
    if (parent == null
        || (fault != null && fault.kind() == Fault.Kind.PREVIOUS_RESPONSE_NOT_FOUND)) {
      throw SimError.previousResponseNotFound(previous);
    }
    sim.metrics().rehydration();
    return Continuation.rehydrated(parent);
  }

  static SimError invalidBody(ProtocolViolationException e) {
    if (e.field() == null) {
      return SimError.invalidRequest(
          null,
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't"
              + " using your HTTP library correctly. The OpenAI API expects a JSON payload.) "
              + e.getMessage(),
          null);
    }
    return SimError.invalidRequest(
        "invalid_value", "Invalid '" + e.field() + "': " + e.getMessage(), e.field());
  }

  private void refuse(HttpServerRequest req, SimError e) {
    sim.metrics().error(e.code(), e.status());
    HttpErrors.write(req.response(), e);
  }

  private static void plain(HttpServerRequest req, int status, String contentType, String body) {
    plainResponse(req.response(), status, contentType, body);
  }

  private static void plainResponse(
      HttpServerResponse response, int status, String contentType, String body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(body);
  }
}
