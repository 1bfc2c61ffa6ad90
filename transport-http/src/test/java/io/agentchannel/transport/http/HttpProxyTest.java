package io.agentchannel.transport.http;

import static io.agentchannel.transport.http.SimChannels.echo;
import static io.agentchannel.transport.http.SimChannels.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.AgentChannels;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.testing.LoopbackProxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The proxy settings are honoured: every request goes through the configured proxy. */
class HttpProxyTest {

  @Test
  void tls_goes_through_the_configured_proxy_in_a_connect_tunnel() throws Exception {
    try (SimServer sim =
            SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).tls(true).build());
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        AgentChannel channel =
            AgentChannels.create(
                options(sim)
                    .trustStore(sim.trustStore())
                    .setting("agentchannel.proxy", proxy.url())
                    .build())) {
      String answer =
          channel.create(echo("via proxy").build()).drain().get(10, TimeUnit.SECONDS).outputText();

      assertThat(answer).isEqualTo("echo: via proxy");
      assertThat(proxy.requestLines())
          .containsExactly("CONNECT " + sim.baseUrl().getHost() + ":" + sim.port() + " HTTP/1.1");
    }
  }

  @Test
  void plain_http_is_forwarded_by_the_configured_proxy() throws Exception {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        AgentChannel channel =
            AgentChannels.create(options(sim).setting("agentchannel.proxy", proxy.url()).build())) {
      String answer =
          channel.create(echo("forwarded").build()).drain().get(10, TimeUnit.SECONDS).outputText();

      assertThat(answer).isEqualTo("echo: forwarded");
      assertThat(proxy.requestLines())
          .containsExactly("POST " + sim.baseUrl() + "/responses HTTP/1.1");
    }
  }

  @Test
  void the_environments_http_proxy_is_used_and_no_proxy_bypasses_it() throws Exception {
    // Environment proxies never serve loopback targets, so the test names a host only the proxy
    // knows how to reach (it connects every request to the simulator).
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        LoopbackProxy proxy =
            LoopbackProxy.httpProxy(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), sim.port()))) {
      URI remote = URI.create("http://sim.agentchannel.invalid:" + sim.port() + "/v1");
      try (AgentChannel channel =
          AgentChannels.create(
              options(sim)
                  .baseUrl(remote)
                  .environment(Map.of("HTTP_PROXY", proxy.url()))
                  .build())) {
        String answer =
            channel
                .create(echo("env proxy").build())
                .drain()
                .get(10, TimeUnit.SECONDS)
                .outputText();

        assertThat(answer).isEqualTo("echo: env proxy");
        assertThat(proxy.requestLines()).containsExactly("POST " + remote + "/responses HTTP/1.1");
      }
      try (AgentChannel channel =
          AgentChannels.create(
              options(sim)
                  .baseUrl(remote)
                  .environment(
                      Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", "agentchannel.invalid"))
                  .build())) {
        Throwable error = SimChannels.failureOf(channel.create(echo("direct").build()).drain(), 10);

        // Direct, the name does not resolve: the proxy was bypassed.
        assertThat(error).isInstanceOf(ConnectionException.class);
        assertThat(((ConnectionException) error).requestMayHaveBeenSent()).isFalse();
        assertThat(proxy.requestLines()).hasSize(1);
      }
    }
  }

  @Test
  void the_configured_proxy_is_bypassed_for_a_host_listed_in_no_proxy() throws Exception {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys(SimChannels.KEY).build());
        LoopbackProxy proxy = LoopbackProxy.httpProxy();
        AgentChannel channel =
            AgentChannels.create(
                options(sim)
                    .setting("agentchannel.proxy", proxy.url())
                    .environment(Map.of("NO_PROXY", "127.0.0.1"))
                    .build())) {
      channel.create(echo("direct").build()).drain().get(10, TimeUnit.SECONDS);

      assertThat(proxy.requestLines()).isEmpty();
    }
  }
}
