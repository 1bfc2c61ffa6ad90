package io.agentchannel.sim;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.sim.internal.net.DelayProxy;
import io.agentchannel.sim.internal.server.SimVerticle;
import io.agentchannel.sim.internal.tls.SelfSignedCertificate;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * The simulated Responses API server: {@code POST /v1/responses} (JSON or SSE), {@code GET} and
 * {@code DELETE /v1/responses/{id}}, WebSocket mode on {@code GET /v1/responses}, and {@code
 * /metrics} and {@code /v1/sim/stats}, all on one port.
 *
 * <pre>{@code
 * try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys("sk-test").build())) {
 *   URI baseUrl = sim.baseUrl(); // http://127.0.0.1:<port>/v1
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link #start} binds and returns once the server accepts connections (well
 * under a second); {@link #close} closes every connection, the event loops and the delay proxy, and
 * waits for them. A server owns its own event loops ({@link SimOptions#eventLoops()}) and shares
 * nothing with other servers in the JVM.
 *
 * <p><b>Threading.</b> Thread-safe; connections are served on the server's event loops, never on
 * the caller's thread.
 *
 * <p><b>Network.</b> With a {@link io.agentchannel.sim.data.NetworkProfile} other than none,
 * clients connect to a delay proxy in front of the server: {@link #port()} and the URLs point at
 * the proxy, {@link #directPort()} at the server itself.
 */
public final class SimServer implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 30;

  /** Any negative port: one random port that every instance of the server shares. */
  private static final int SHARED_RANDOM_PORT = -1;

  private final SimOptions options;
  private final Vertx vertx;
  private final SimMetrics metrics;
  private final int directPort;
  private final DelayProxy proxy;
  private final SelfSignedCertificate certificate;

  private SimServer(
      SimOptions options,
      Vertx vertx,
      SimMetrics metrics,
      int directPort,
      DelayProxy proxy,
      SelfSignedCertificate certificate) {
    this.options = options;
    this.vertx = vertx;
    this.metrics = metrics;
    this.directPort = directPort;
    this.proxy = proxy;
    this.certificate = certificate;
  }

  /**
   * Starts a server and waits until it accepts connections.
   *
   * @throws IllegalStateException when it cannot bind or start, with the cause
   */
  public static SimServer start(SimOptions options) {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()));
    try {
      SimMetrics metrics = new SimMetrics();
      Simulator sim = new Simulator(options, metrics);
      SelfSignedCertificate certificate =
          options.tls()
              ? SelfSignedCertificate.generate(List.of("localhost", options.host()))
              : null;
      HttpServerOptions serverOptions = serverOptions(options, certificate);
      // All instances listen together and share one socket, so connections are spread over the
      // event loops (see serverOptions for port 0).
      List<SimVerticle> instances = new CopyOnWriteArrayList<>();
      await(
          vertx.deployVerticle(
              () -> {
                SimVerticle instance = new SimVerticle(sim, serverOptions);
                instances.add(instance);
                return instance;
              },
              new DeploymentOptions().setInstances(options.eventLoops())));
      int port = instances.get(0).actualPort();
      for (SimVerticle instance : instances) {
        if (instance.actualPort() != port) {
          // An instance on a port of its own would never see a connection: its loop would idle.
          throw new IllegalStateException(
              "the simulator's event loops listen on different ports: "
                  + port
                  + " and "
                  + instance.actualPort());
        }
      }
      DelayProxy proxy = null;
      if (!options.network().isNone()) {
        proxy =
            await(DelayProxy.start(vertx, options.host(), port, options.network(), options.seed()));
      }
      return new SimServer(options, vertx, metrics, port, proxy, certificate);
    } catch (RuntimeException e) {
      vertx.close();
      throw e;
    }
  }

  private static HttpServerOptions serverOptions(
      SimOptions options, SelfSignedCertificate certificate) {
    // Above the simulator's own limit, so that a message just over it (even in a single frame)
    // reaches the simulator and gets the service's error instead of a protocol close.
    int webSocketLimit = (int) Math.min(Integer.MAX_VALUE, 2L * options.maxRequestBytes());
    HttpServerOptions server =
        new HttpServerOptions()
            .setHost(options.host())
            // Vert.x binds each instance to its own port for 0, leaving all but the first unused;
            // a negative port is its shared random port.
            .setPort(options.port() == 0 ? SHARED_RANDOM_PORT : options.port())
            .setTcpNoDelay(true)
            // The simulator enforces its own, smaller limit with the service's error; these only
            // stop a peer from making Vert.x buffer without bound.
            .setMaxWebSocketFrameSize(webSocketLimit)
            .setMaxWebSocketMessageSize(webSocketLimit)
            .setMaxFormAttributeSize(-1);
    if (certificate != null) {
      server
          .setSsl(true)
          .setKeyCertOptions(certificate.keyCertOptions())
          .setUseAlpn(true)
          .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }
    return server;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the simulator", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "the simulator could not start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "the simulator did not start within " + START_TIMEOUT_SECONDS + " s", e);
    }
  }

  /** The options it was started with. */
  public SimOptions options() {
    return options;
  }

  /** The host clients connect to. */
  public String host() {
    return options.host();
  }

  /** The port clients connect to: the delay proxy's when a network is emulated. */
  public int port() {
    return proxy != null ? proxy.port() : directPort;
  }

  /** The port the server itself is bound to, bypassing any emulated network. */
  public int directPort() {
    return directPort;
  }

  /** Whether it serves TLS. */
  public boolean tls() {
    return certificate != null;
  }

  /** {@code http(s)://host:port/v1}: the base URL an OpenAI-style client is configured with. */
  public URI baseUrl() {
    return URI.create((tls() ? "https" : "http") + "://" + authority() + "/v1");
  }

  /** {@code ws(s)://host:port/v1/responses}: the WebSocket-mode endpoint. */
  public URI webSocketUrl() {
    return URI.create((tls() ? "wss" : "ws") + "://" + authority() + "/v1/responses");
  }

  private String authority() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return host + ":" + port();
  }

  /** A snapshot of what the server has counted so far. */
  public SimStats stats() {
    return metrics.snapshot();
  }

  /**
   * The server's certificate in PEM, for clients to trust.
   *
   * @throws IllegalStateException when the server does not serve TLS
   */
  public String certificatePem() {
    return requireTls().certificatePem();
  }

  /**
   * A trust store holding only the server's certificate.
   *
   * @throws IllegalStateException when the server does not serve TLS
   */
  public KeyStore trustStore() {
    return requireTls().trustStore();
  }

  /**
   * A client TLS context that trusts only the server's certificate; verification stays on.
   *
   * @throws IllegalStateException when the server does not serve TLS
   */
  public SSLContext clientSslContext() {
    return requireTls().clientSslContext();
  }

  /**
   * Writes the server's certificate as a PKCS12 trust store, for clients configured by file.
   *
   * @throws IllegalStateException when the server does not serve TLS
   */
  public Path writeTrustStore(Path file, char[] password) throws IOException {
    return requireTls().writeTrustStore(file, password);
  }

  private SelfSignedCertificate requireTls() {
    if (certificate == null) {
      throw new IllegalStateException(
          "this simulator does not serve TLS (SimOptions.tls is false)");
    }
    return certificate;
  }

  /** Closes every connection and the event loops, and waits for them (at most 30 s). */
  @Override
  public void close() {
    try {
      if (proxy != null) {
        await(proxy.close());
      }
    } finally {
      await(vertx.close());
    }
  }

  @Override
  public String toString() {
    return "SimServer[" + baseUrl() + ", websocket=" + options.webSocketMode() + "]";
  }
}
