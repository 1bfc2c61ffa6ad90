package io.agentchannel.transport.http.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.transport.http.HttpTransportOptions;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;

/**
 * Builds the one {@link HttpClient} of a transport from the options: its executor, TLS trust,
 * proxy, connect timeout ({@code CONNECT}) and preferred version. Redirects are not followed: the
 * Responses API does not redirect, and following one would resend the key to another URL.
 */
final class HttpClients {

  private HttpClients() {}

  static HttpClient build(
      AgentChannelOptions options, HttpTransportOptions http, Executor executor) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
            // Verifies certificates against the configured trust store or the JDK's CAs; host
            // names are checked by the client. Nothing here can turn verification off.
            .sslContext(options.sslContext())
            // agentchannel.proxy, else HTTPS_PROXY/HTTP_PROXY with NO_PROXY; TLS is tunnelled.
            .proxy(options.proxySelector())
            .version(
                http.version() == HttpTransportOptions.Version.AUTO
                    ? HttpClient.Version.HTTP_2
                    : HttpClient.Version.HTTP_1_1);
    if (!options.timeouts().connect().isZero()) {
      builder.connectTimeout(options.timeouts().connect());
    }
    return builder.build();
  }
}
