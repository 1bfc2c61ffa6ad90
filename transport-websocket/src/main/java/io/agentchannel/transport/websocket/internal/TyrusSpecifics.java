package io.agentchannel.transport.websocket.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.websocket.UpgradeFailures;
import jakarta.websocket.WebSocketContainer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.RetryAfterException;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.client.ThreadPoolConfig;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Everything this transport needs that the Jakarta WebSocket API does not offer, in one place, so
 * that swapping the implementation means rewriting this class only: choosing the container, the TLS
 * engine, the proxy, the handshake timeout, the I/O threads, and reading the status of a refused
 * upgrade.
 *
 * <p>Tyrus's JDK container runs every connection of the JVM on one shared asynchronous channel
 * group. Its handler threads are made here (daemon, named {@value #IO_THREAD_PREFIX}N, none kept
 * when idle: they end after two idle seconds) and the group is shut down as soon as its last
 * connection closes, which also ends the JDK's poller thread of the group. Two Tyrus behaviours
 * remain: a static daemon timer, {@code tyrus-jdk-container-idle-timeout}, lives for the JVM's
 * lifetime once created; and a connect that fails at the TCP level (refused, unreachable) is never
 * counted out of the group, which then stays open with its one idle daemon poller thread for the
 * JVM's lifetime (reused by later connections, never more than one).
 */
public final class TyrusSpecifics {

  /** The Tyrus container this transport always uses, whatever else is on the class path. */
  public static final String CONTAINER =
      "org.glassfish.tyrus.container.jdk.client.JdkClientContainer";

  /** Name prefix of the I/O threads of Tyrus's channel group. */
  public static final String IO_THREAD_PREFIX = "agentchannel-websocket-io-";

  /** The largest text message read; the service's own request limit is 16 MiB. */
  public static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

  // One factory for every transport of the JVM: Tyrus rebuilds its shared group when the thread
  // configuration differs, so all transports must hand it an equal one.
  private static final ThreadPoolConfig IO_THREADS =
      ThreadPoolConfig.defaultConfig()
          .setDaemon(true)
          .setCorePoolSize(0)
          .setKeepAliveTime(2, java.util.concurrent.TimeUnit.SECONDS)
          .setThreadFactory(new IoThreads());

  private TyrusSpecifics() {}

  /**
   * A container for connections to {@code target}, configured from the common options: the
   * handshake deadline (CONNECT), TLS that trusts {@link AgentChannelOptions#sslContext()} and
   * checks host names, the proxy of {@link AgentChannelOptions#proxyFor(URI)}, and the I/O threads.
   */
  public static WebSocketContainer newContainer(AgentChannelOptions options, URI target) {
    ClientManager client = ClientManager.createClient(CONTAINER);
    Map<String, Object> properties = client.getProperties();
    Duration connect = options.timeouts().connect();
    properties.put(
        ClientProperties.HANDSHAKE_TIMEOUT,
        connect.isZero()
            ? Integer.MAX_VALUE
            : (int) Math.min(Integer.MAX_VALUE, connect.toMillis()));
    if ("wss".equalsIgnoreCase(target.getScheme())) {
      SslEngineConfigurator tls =
          new SslEngineConfigurator(options.sslContext(), true, false, false);
      tls.setHostVerificationEnabled(true);
      properties.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tls);
    }
    Optional<InetSocketAddress> proxy = options.proxyFor(target);
    proxy.ifPresent(
        address ->
            properties.put(
                ClientProperties.PROXY_URI,
                "http://" + address.getHostString() + ":" + address.getPort()));
    properties.put(ClientProperties.WORKER_THREAD_POOL_CONFIG, IO_THREADS);
    properties.put(ClientProperties.SHARED_CONTAINER_IDLE_TIMEOUT, 0);
    properties.put(ClientProperties.INCOMING_BUFFER_SIZE, MAX_MESSAGE_BYTES);
    properties.put(ClientProperties.REDIRECT_ENABLED, false);
    client.setDefaultMaxTextMessageBufferSize(MAX_MESSAGE_BYTES);
    return client;
  }

  /** Releases what the container itself holds (its executors). */
  public static void shutdown(WebSocketContainer container) {
    if (container instanceof ClientManager client) {
      client.shutdown();
    }
  }

  /**
   * The typed error for a failed connect or upgrade: the upgrade's status when the server answered
   * one, a CONNECT timeout when the handshake deadline passed, else a connection error (refused,
   * reset, TLS). Nothing was sent in any case.
   *
   * <p>Tyrus exposes the status of a refused upgrade but neither its headers nor its body, except
   * the {@code Retry-After} of a 503; the error is built from what there is.
   */
  public static AgentChannelException upgradeFailure(
      Throwable error, URI target, Duration connectTimeout, long elapsedNanos) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AuthenticationException) {
        return UpgradeFailures.of(401, Map.of(), null);
      }
      if (t instanceof RetryAfterException retry) {
        return UpgradeFailures.of(
            503,
            retry.getDelay() == null
                ? Map.of()
                : Map.of("Retry-After", retry.getDelay().toString()),
            null);
      }
      if (t instanceof HandshakeException handshake && handshake.getHttpStatusCode() >= 300) {
        return UpgradeFailures.of(handshake.getHttpStatusCode(), Map.of(), null);
      }
    }
    if (!connectTimeout.isZero() && elapsedNanos >= connectTimeout.toNanos()) {
      return new PhaseTimeoutException(
          PhaseTimeoutException.Phase.CONNECT, connectTimeout, "WebSocket upgrade to " + target);
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return ConnectionException.notSent(
        "could not open a WebSocket connection to " + target + ": " + root, error);
  }

  private static final class IoThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, IO_THREAD_PREFIX + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
