package io.agentchannel.sim.internal.server;

import io.agentchannel.sim.internal.Auth;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.http.HttpApi;
import io.agentchannel.sim.internal.ws.WsEndpoint;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.HashSet;
import java.util.Set;

/**
 * One event loop's share of the server: an HTTP server on the shared port, with the HTTP API and
 * the WebSocket endpoint. Several instances share one {@link Simulator}; each keeps its own
 * connections.
 */
public final class SimVerticle extends VerticleBase {

  private final Simulator sim;
  private final HttpServerOptions serverOptions;
  private final Set<HttpConnection> countedAsHttp = new HashSet<>();
  private HttpServer server;

  public SimVerticle(Simulator sim, HttpServerOptions serverOptions) {
    this.sim = sim;
    this.serverOptions = serverOptions;
  }

  @Override
  public Future<?> start() {
    Auth auth = new Auth(sim.options().apiKeys());
    HttpApi http = new HttpApi(vertx, sim, auth);
    WsEndpoint webSockets = new WsEndpoint(vertx, sim, auth);
    vertx.setPeriodic(WsEndpoint.SWEEP_MILLIS, id -> webSockets.sweep());
    server =
        vertx
            .createHttpServer(serverOptions)
            .requestHandler(
                req -> {
                  if (WsEndpoint.isUpgrade(req)) {
                    HttpConnection connection = req.connection();
                    webSockets.upgrade(req, () -> upgradedFromHttp(connection));
                  } else {
                    countAsHttp(req.connection());
                    http.handle(req);
                  }
                });
    return server.listen();
  }

  /** The port this instance is bound to. */
  public int actualPort() {
    return server.actualPort();
  }

  /**
   * Counts a connection as HTTP at its first plain request, so that a connection opened only to
   * upgrade counts once, as a WebSocket connection.
   */
  private void countAsHttp(HttpConnection connection) {
    if (countedAsHttp.add(connection)) {
      sim.metrics().connectionOpened("http");
      connection.closeHandler(
          v -> {
            if (countedAsHttp.remove(connection)) {
              sim.metrics().connectionClosed("http");
            }
          });
    }
  }

  /**
   * A connection that served HTTP and then upgraded counts as a WebSocket connection from now on.
   */
  private void upgradedFromHttp(HttpConnection connection) {
    if (countedAsHttp.remove(connection)) {
      sim.metrics().connectionClosed("http");
    }
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
