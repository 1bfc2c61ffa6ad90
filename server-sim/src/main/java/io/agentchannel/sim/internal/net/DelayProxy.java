package io.agentchannel.sim.internal.net;

import io.agentchannel.sim.data.NetworkProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy that makes every byte pay what a network path costs: it listens on an ephemeral port
 * and forwards each accepted connection to a target port on the same host, delaying each direction
 * independently as a {@link NetworkProfile} says. TLS handshakes, HTTP requests and WebSocket
 * frames cross it as plain bytes, so each of them pays its real number of round trips.
 *
 * <p>Each direction of each connection is a link with its own queue and timer: a chunk leaves at
 * {@code max(arrival + roundTrip/2 + jitter, previous departure) + bytes / bandwidth}, so bytes
 * keep their order and back-to-back chunks queue behind each other. The client's first bytes are
 * held until the upstream connection is open and one round trip has passed since the accept (the
 * TCP handshake). When one side closes, the bytes already in its link are delivered (after their
 * delay) and then the other side is closed; an error on either side closes both at once.
 *
 * <p>Lifecycle: {@link #start} binds the port; {@link #close()} stops accepting and closes every
 * live connection without delivering what is still in flight. A proxy is not restartable.
 *
 * <p>Threading: thread-safe. Each connection's two sockets, its links and their timers run on the
 * event loop that accepted it; what connections share (the set of live ones, the seed source) is
 * synchronized. Jitter is drawn from a {@link SplittableRandom} split from {@code seed} once per
 * link, in accept order, so a run with the same seed and the same order of connections draws the
 * same delays.
 *
 * <p>Limits: at most 1 MiB waits in a link before the proxy stops reading its source, which, like a
 * TCP window, also caps a link's throughput at that many bytes per one-way delay. Delays are
 * carried out with Vert.x timers, so each is rounded up to the next millisecond. Plain TCP only:
 * the proxy neither terminates nor inspects TLS.
 */
public final class DelayProxy {

  private final Vertx vertx;
  private final String host;
  private final int targetPort;
  private final NetworkProfile profile;
  private final NetServer server;
  private final NetClient client;
  private final SplittableRandom seeds;
  private final Set<ProxiedConnection> live = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private DelayProxy(Vertx vertx, String host, int targetPort, NetworkProfile profile, long seed) {
    this.vertx = vertx;
    this.host = host;
    this.targetPort = targetPort;
    this.profile = profile;
    this.seeds = new SplittableRandom(seed);
    this.client = vertx.createNetClient();
    this.server = vertx.createNetServer().connectHandler(this::accept);
  }

  /**
   * Binds a proxy on an ephemeral port of {@code host} that forwards to {@code host:targetPort}.
   *
   * @param seed the seed of the jitter draws
   * @return the proxy once it listens; a failed future if the port cannot be bound
   */
  public static Future<DelayProxy> start(
      Vertx vertx, String host, int targetPort, NetworkProfile profile, long seed) {
    Objects.requireNonNull(vertx, "vertx");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(profile, "profile");
    if (targetPort < 1 || targetPort > 65_535) {
      throw new IllegalArgumentException("targetPort " + targetPort + " is not in 1..65535");
    }
    DelayProxy proxy = new DelayProxy(vertx, host, targetPort, profile, seed);
    return proxy.server.listen(0, host).map(bound -> proxy).onFailure(e -> proxy.client.close());
  }

  /** The port the proxy listens on. */
  public int port() {
    return server.actualPort();
  }

  /** How many client connections are open (accepted and not yet fully closed). */
  public int openConnections() {
    return live.size();
  }

  /**
   * Stops accepting, closes every live connection at once (bytes still in flight are dropped) and
   * releases the port. Completes when all of that is done; calling it again is harmless.
   */
  public Future<Void> close() {
    closed = true;
    return server
        .close()
        .eventually(() -> Future.join(List.copyOf(live).stream().map(c -> c.abort()).toList()))
        .eventually(client::close);
  }

  private void accept(NetSocket inbound) {
    if (closed) {
      inbound.close();
      return;
    }
    SplittableRandom toTarget;
    SplittableRandom toClient;
    synchronized (seeds) {
      toTarget = seeds.split();
      toClient = seeds.split();
    }
    ProxiedConnection connection =
        new ProxiedConnection(vertx, inbound, profile, toTarget, toClient);
    live.add(connection);
    connection.finished().onComplete(done -> live.remove(connection));
    connection.open(client, host, targetPort);
  }
}
