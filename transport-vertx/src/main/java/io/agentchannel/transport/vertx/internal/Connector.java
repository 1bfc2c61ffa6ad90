package io.agentchannel.transport.vertx.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.PhaseTimeoutException.Phase;
import io.agentchannel.transport.vertx.VertxTransportOptions;
import io.agentchannel.websocket.UpgradeFailures;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.TrustOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Opens WebSocket-mode connections: {@code ws(s)://…/responses} derived from the base URL, {@code
 * Authorization: Bearer} on the upgrade, TLS verified against the configured trust (the JDK's by
 * default; never off), the configured or environment proxy, and the connect deadline (TCP, TLS and
 * upgrade together). Failures become the api's typed errors; none of them carries the key.
 */
final class Connector {

  /** Vert.x queues WebSockets past a per-host limit (50 by default): the pool limits instead. */
  private static final int UNLIMITED_SOCKETS = 1 << 20;

  private static final int CLOSING_TIMEOUT_SECONDS = 1;

  private final WebSocketClient client;
  private final URI url;
  private final Optional<InetSocketAddress> proxy;
  private final String authorization;
  private final Map<String, String> upgradeHeaders;
  private final Duration connectTimeout;
  private final ScheduledExecutorService timer;
  private final Executor completions;

  /**
   * @param completions where the returned futures complete, so that the work chained on them does
   *     not run on an event loop
   */
  Connector(
      Vertx vertx,
      AgentChannelOptions options,
      VertxTransportOptions vertxOptions,
      Map<String, String> upgradeHeaders,
      ScheduledExecutorService timer,
      Executor completions) {
    this.upgradeHeaders = Map.copyOf(upgradeHeaders);
    this.url = options.webSocketUrl();
    this.proxy = options.proxyFor(url);
    this.authorization = options.apiKey().map(key -> "Bearer " + key.reveal()).orElse(null);
    this.connectTimeout = options.timeouts().connect();
    this.timer = timer;
    this.completions = completions;
    this.client = vertx.createWebSocketClient(clientOptions(options, vertxOptions));
  }

  private WebSocketClientOptions clientOptions(
      AgentChannelOptions options, VertxTransportOptions vertxOptions) {
    WebSocketClientOptions client =
        new WebSocketClientOptions()
            .setMaxConnections(UNLIMITED_SOCKETS)
            .setMaxMessageSize(vertxOptions.maxMessageSize())
            .setMaxFrameSize(vertxOptions.maxMessageSize())
            .setTcpNoDelay(true)
            .setVerifyHost(true)
            // How long a close waits for the peer's close frame before dropping the TCP
            // connection (Vert.x: 10 s). A live server answers in milliseconds; a dead one never,
            // and closing the transport should not wait for it.
            .setClosingTimeout(CLOSING_TIMEOUT_SECONDS);
    if (!connectTimeout.isZero()) {
      // Our own deadline below is the one that counts; Vert.x's is a backstop just after it.
      client.setConnectTimeout(
          (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis() + 1_000));
    }
    client.setTrustOptions(TrustOptions.wrap(options.trustManagerFactory()));
    client.getSslOptions().setHostnameVerificationAlgorithm("HTTPS");
    return client;
  }

  /** The URL connections go to. */
  URI url() {
    return url;
  }

  /**
   * Opens one connection and hands it to {@code adopt} on its event loop, before any frame can be
   * missed; the future completes (on the completion executor) with what {@code adopt} returns, or
   * with a typed error: {@link ConnectionException#notSent} for refused, reset or TLS failures,
   * {@link io.agentchannel.error.ApiException} (or a subtype) for a rejected upgrade, {@link
   * PhaseTimeoutException} ({@code CONNECT}) past the connect deadline.
   */
  <T> CompletableFuture<T> connect(BiFunction<WebSocket, Context, T> adopt) {
    CompletableFuture<T> result = new CompletableFuture<>();
    WebSocketConnectOptions request =
        new WebSocketConnectOptions()
            .setAbsoluteURI(url.toString())
            .setSsl("wss".equals(url.getScheme()));
    upgradeHeaders.forEach(request::putHeader);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    proxy.ifPresent(
        address ->
            request.setProxyOptions(
                new ProxyOptions()
                    .setType(ProxyType.HTTP)
                    .setHost(address.getHostString())
                    .setPort(address.getPort())));
    ScheduledFuture<?> deadline = scheduleDeadline(result);
    client
        .connect(request)
        .onComplete(
            outcome -> {
              if (deadline != null) {
                deadline.cancel(false);
              }
              if (outcome.failed()) {
                AgentChannelException error = typed(outcome.cause());
                completions.execute(() -> result.completeExceptionally(error));
                return;
              }
              WebSocket socket = outcome.result();
              if (result.isDone()) { // the deadline passed first
                socket.close();
                return;
              }
              T adopted;
              try {
                adopted = adopt.apply(socket, Vertx.currentContext());
              } catch (RuntimeException bug) {
                socket.close();
                completions.execute(() -> result.completeExceptionally(bug));
                return;
              }
              completions.execute(
                  () -> {
                    if (!result.complete(adopted)) {
                      socket.close(); // the deadline won the race after all
                    }
                  });
            });
    return result;
  }

  private ScheduledFuture<?> scheduleDeadline(CompletableFuture<?> result) {
    if (connectTimeout.isZero()) {
      return null;
    }
    return timer.schedule(
        () ->
            completions.execute(
                () ->
                    result.completeExceptionally(
                        new PhaseTimeoutException(
                            Phase.CONNECT, connectTimeout, "WebSocket upgrade to " + url))),
        connectTimeout.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private AgentChannelException typed(Throwable failure) {
    if (failure instanceof UpgradeRejectedException rejected) {
      Map<String, String> headers = new LinkedHashMap<>();
      rejected.getHeaders().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
      String body = rejected.getBody() == null ? "" : rejected.getBody().toString();
      return UpgradeFailures.of(rejected.getStatus(), headers, body);
    }
    if (failure instanceof TimeoutException
        || failure.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")) {
      return new PhaseTimeoutException(
          Phase.CONNECT, connectTimeout, "WebSocket upgrade to " + url);
    }
    return ConnectionException.notSent(
        "could not open a WebSocket to " + url + ": " + failure, failure);
  }

  /** Closes the client and every socket it opened. */
  void close() {
    client.close();
  }

  /** For messages: the key is never part of them. */
  @Override
  public String toString() {
    return "Connector[" + url + ", proxy=" + proxy.map(Object::toString).orElse("none") + "]";
  }
}
