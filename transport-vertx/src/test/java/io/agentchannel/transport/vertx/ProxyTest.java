package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.testing.LoopbackProxy;
import io.agentchannel.wire.model.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The configured proxy carries the upgrade, for ws and for wss (tunnelled, still verified). */
class ProxyTest extends SimFixture {

  @Test
  void ws_goes_through_the_configured_proxy() throws Exception {
    SimServer sim = sim();
    LoopbackProxy proxy = closeLater(LoopbackProxy.httpProxy());
    Transport transport =
        transport(options(sim).setting("agentchannel.proxy", proxy.url()).build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Response response = Turns.run(session, ask("via proxy").build()).get(20, TimeUnit.SECONDS);
    assertThat(response.outputText()).isEqualTo("echo: via proxy");
    // Vert.x tunnels the upgrade with CONNECT for ws too, as java.net.http's WebSocket does.
    assertThat(proxy.requestLines())
        .containsExactly("CONNECT 127.0.0.1:" + sim.port() + " HTTP/1.1");
  }

  @Test
  void wss_is_tunnelled_through_the_proxy_with_connect() throws Exception {
    SimServer sim = sim(o -> o.tls(true));
    LoopbackProxy proxy = closeLater(LoopbackProxy.httpProxy());
    Transport transport =
        transport(
            options(sim)
                .trustStore(sim.trustStore())
                .setting("agentchannel.proxy", proxy.url())
                .build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Response response = Turns.run(session, ask("tunnelled").build()).get(20, TimeUnit.SECONDS);
    assertThat(response.outputText()).isEqualTo("echo: tunnelled");
    assertThat(proxy.requestLines())
        .containsExactly("CONNECT 127.0.0.1:" + sim.port() + " HTTP/1.1");
  }
}
