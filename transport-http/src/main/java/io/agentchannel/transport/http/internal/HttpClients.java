package io.agentchannel.transport.http.internal;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.transport.http.HttpTransportOptions;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;

/** Builds the one {@link HttpClient} of a transport from the options. */
final class HttpClients {

  private HttpClients() {}

  static HttpClient build(
      AgentChannelOptions options, HttpTransportOptions http, Executor executor) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .executor(executor)
            .followRedirects(HttpClient.Redirect.NEVER)
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
