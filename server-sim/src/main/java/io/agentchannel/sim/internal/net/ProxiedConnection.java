package io.agentchannel.sim.internal.net;

import io.agentchannel.sim.data.NetworkProfile;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.util.SplittableRandom;

/**
 * One accepted client socket, the upstream socket the proxy opened for it, and the two {@link Link
 * links} between them.
 *
 * <p>Lifecycle: {@link #open} once; {@link #finished()} completes when both sockets are closed (or
 * the upstream connect failed and the client socket is closed). Either side's end travels its link
 * and then closes the other side; an exception on either side closes both at once.
 *
 * <p>Threading: created on the context that accepted the client socket; the upstream socket is
 * connected from that context, so both sockets, the links and their timers share one event loop and
 * this state needs no locks. Only {@link #abort()} may be called from elsewhere.
 */
final class ProxiedConnection {

  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final Context context;
  private final NetSocket inbound;
  private final NetworkProfile profile;
  private final SplittableRandom toTargetRandom;
  private final SplittableRandom toClientRandom;
  private final long acceptedAt = System.nanoTime();
  private final Promise<Void> finished = Promise.promise();
  private NetSocket upstream;
  private Link toTarget;
  private Link toClient;
  private boolean connecting;
  private boolean inboundClosed;
  private boolean upstreamClosed;
  private boolean aborted;
  private long connectTimer = NO_TIMER;

  ProxiedConnection(
      Vertx vertx,
      NetSocket inbound,
      NetworkProfile profile,
      SplittableRandom toTargetRandom,
      SplittableRandom toClientRandom) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.inbound = inbound;
    this.profile = profile;
    this.toTargetRandom = toTargetRandom;
    this.toClientRandom = toClientRandom;
  }

  /** Completes once both sockets are closed; never fails. */
  Future<Void> finished() {
    return finished.future();
  }

  /** Holds the client's bytes and connects upstream; on the accepting context. */
  void open(NetClient client, String host, int port) {
    // Paused before the first read: the client's bytes wait for the simulated handshake.
    inbound.pause();
    inbound.closeHandler(v -> onInboundClosed());
    inbound.exceptionHandler(e -> closeBoth());
    connecting = true;
    client
        .connect(port, host)
        .onComplete(
            up -> {
              connecting = false;
              if (up.succeeded()) {
                onConnected(up.result());
              } else {
                inbound.close();
              }
              finishIfDone();
            });
  }

  /** Closes both sockets now, dropping what the links hold; callable from any thread. */
  Future<Void> abort() {
    context.runOnContext(v -> closeBoth());
    return finished.future();
  }

  private void onConnected(NetSocket socket) {
    upstream = socket;
    upstream.closeHandler(v -> onUpstreamClosed());
    upstream.exceptionHandler(e -> closeBoth());
    if (aborted) {
      upstream.close();
      return;
    }
    toTarget = new Link(vertx, new LinkSchedule(profile, toTargetRandom), inbound, upstream, true);
    toClient = new Link(vertx, new LinkSchedule(profile, toClientRandom), upstream, inbound, false);
    toTarget.start();
    toClient.start();
    if (inboundClosed) {
      toClient.stop();
    }
    // The SYN / SYN-ACK round trip, counted from the accept: the upstream connect already spent
    // part of it.
    long handshakeDone = acceptedAt + profile.roundTrip().toNanos();
    long now = System.nanoTime();
    if (handshakeDone - now <= 0) {
      toTarget.release();
    } else {
      connectTimer =
          vertx.setTimer(
              Link.millisUntil(handshakeDone, now),
              id -> {
                connectTimer = NO_TIMER;
                toTarget.release();
              });
    }
  }

  private void onInboundClosed() {
    inboundClosed = true;
    if (toClient != null) {
      toClient.stop();
    }
    finishIfDone();
  }

  private void onUpstreamClosed() {
    upstreamClosed = true;
    if (toTarget != null) {
      toTarget.stop();
    }
    finishIfDone();
  }

  private void closeBoth() {
    aborted = true;
    stopLinks();
    inbound.close();
    if (upstream != null) {
      upstream.close();
    }
  }

  private void finishIfDone() {
    boolean upstreamDone = upstream == null ? !connecting : upstreamClosed;
    if (inboundClosed && upstreamDone) {
      stopLinks();
      finished.tryComplete();
    }
  }

  private void stopLinks() {
    if (connectTimer != NO_TIMER) {
      vertx.cancelTimer(connectTimer);
      connectTimer = NO_TIMER;
    }
    if (toTarget != null) {
      toTarget.stop();
      toClient.stop();
    }
  }
}
