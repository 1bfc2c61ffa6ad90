package io.agentchannel.sim.internal.ws;

import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.sim.internal.Auth;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.fault.FaultInjector;
import io.agentchannel.sim.internal.http.HttpErrors;
import io.agentchannel.sim.internal.refusal.Refusals;
import io.agentchannel.sim.internal.refusal.SimError;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashSet;
import java.util.Set;

/**
 * The WebSocket upgrade on {@code GET /v1/responses}: answers 426 when WebSocket mode is off, 401
 * on a missing or wrong key, the status of an {@code x-sim-fault: status:<code>} header, and
 * otherwise upgrades and hands the socket to a {@link WsConnection}. One instance per event loop;
 * it also sweeps its connections for the age limit.
 */
public final class WsEndpoint {

  /** How often idle connections are checked against the age limit. */
  public static final long SWEEP_MILLIS = 250;

  private final Vertx vertx;
  private final Simulator sim;
  private final Auth auth;
  private final Set<WsConnection> open = new HashSet<>();

  public WsEndpoint(Vertx vertx, Simulator sim, Auth auth) {
    this.vertx = vertx;
    this.sim = sim;
    this.auth = auth;
  }

  /** Whether {@code req} asks for the upgrade this endpoint serves. */
  public static boolean isUpgrade(HttpServerRequest req) {
    return req.path().equals("/v1/responses") && req.canUpgradeToWebSocket();
  }

  /**
   * Handles an upgrade request.
   *
   * @param onUpgraded told when the HTTP connection became a WebSocket connection
   */
  public void upgrade(HttpServerRequest req, Runnable onUpgraded) {
    try {
      if (sim.options().webSocketMode() == WebSocketMode.OFF) {
        throw new SimError(
            426,
            "invalid_request_error",
            "upgrade_required",
            "WebSocket mode is not available on this server; use HTTP.",
            null);
      }
      auth.check(req.getHeader(HttpHeaders.AUTHORIZATION));
      Fault fault = sim.upgradeFaultOf(req.getHeader(FaultInjector.HEADER));
      if (fault != null && fault.kind() == Fault.Kind.STATUS) {
        throw Refusals.ofStatus(fault.value(), fault.retryAfterSeconds());
      }
    } catch (SimError e) {
      sim.metrics().error(e.code(), e.status());
      HttpErrors.write(req.response(), e);
      return;
    }
    HttpConnection tcp = req.connection();
    req.toWebSocket()
        .onSuccess(
            ws -> {
              onUpgraded.run();
              WsConnection connection = new WsConnection(vertx, sim, ws, tcp);
              open.add(connection);
              ws.closeHandler(v -> open.remove(connection));
              connection.start();
            });
  }

  /** Tells every idle connection past its age so, and closes it. */
  public void sweep() {
    for (WsConnection connection : Set.copyOf(open)) {
      connection.sweep();
      if (connection.isClosed()) {
        open.remove(connection);
      }
    }
  }
}
