package io.agentchannel.transport.http.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.ApiKey;
import io.agentchannel.Timeouts;
import io.agentchannel.transport.http.HttpTransportOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every exchange of one transport shares: where to send, how to authenticate, the deadlines,
 * the bounds and the transport's threads.
 *
 * @param endpoint {@code {baseUrl}/responses}
 * @param apiKey the bearer key, if any (never shown: {@link ApiKey#toString()} is redacted)
 * @param requestVersion the HTTP version asked for: HTTP/2 only over TLS (ALPN), HTTP/1.1 otherwise
 * @param executor where resumed reads run (never on the subscriber's thread)
 * @param timer where deadlines run
 */
record ExchangeSettings(
    URI endpoint,
    Optional<ApiKey> apiKey,
    Timeouts timeouts,
    HttpClient.Version requestVersion,
    int maxEventBytes,
    int maxErrorBodyBytes,
    Executor executor,
    ScheduledExecutorService timer) {

  ExchangeSettings(
      AgentChannelOptions options,
      HttpTransportOptions http,
      Executor executor,
      ScheduledExecutorService timer) {
    this(
        URI.create(options.baseUrl() + "/responses"),
        options.apiKey(),
        options.timeouts(),
        versionFor(options.baseUrl(), http.version()),
        http.maxEventBytes(),
        http.maxErrorBodyBytes(),
        executor,
        timer);
  }

  /**
   * HTTP/2 is asked for only over TLS, where ALPN lets the server decline it; over cleartext the
   * JDK would try an {@code h2c} upgrade on the first POST, which servers handle unevenly.
   */
  static HttpClient.Version versionFor(URI baseUrl, HttpTransportOptions.Version preference) {
    return preference == HttpTransportOptions.Version.AUTO && "https".equals(baseUrl.getScheme())
        ? HttpClient.Version.HTTP_2
        : HttpClient.Version.HTTP_1_1;
  }
}
