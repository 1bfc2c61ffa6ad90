package io.agentchannel.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.error.ConnectionException;
import io.agentchannel.sim.SimServer;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** wss: certificates are verified, against the configured trust store or the JDK's CAs. */
class TlsTest extends SimFixture {

  @Test
  void a_server_trusted_through_the_configured_trust_store_serves_wss() throws Exception {
    SimServer sim = sim(o -> o.tls(true));
    assertThat(sim.baseUrl().getScheme()).isEqualTo("https");
    Transport transport = transport(options(sim).trustStore(sim.trustStore()).build());
    TransportSession session = transport.open().toCompletableFuture().get(20, TimeUnit.SECONDS);
    Response response = Turns.run(session, ask("secure").build()).get(20, TimeUnit.SECONDS);
    assertThat(response.outputText()).isEqualTo("echo: secure");
  }

  @Test
  void without_trust_in_its_certificate_the_upgrade_fails_as_not_sent() {
    SimServer sim = sim(o -> o.tls(true));
    Transport transport = transport(options(sim).build()); // the JDK's CAs only
    Throwable refused = UpgradeTest.failureOf(transport);
    assertThat(refused).isInstanceOf(ConnectionException.class);
    assertThat(((ConnectionException) refused).requestMayHaveBeenSent()).isFalse();
    assertThat(sim.stats().turns("websocket")).isZero();
  }
}
