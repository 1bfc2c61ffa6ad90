package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.spi.Transport;
import io.agentchannel.tck.internal.Describe;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.wire.model.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RULES.md area 1: connection and authentication. */
abstract class ConnectionRules extends RuleSupport {

  @Test
  public void ac_1_1_a_request_with_a_valid_key_streams_a_response() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      Response response =
          responseOf(channel.create(echo("hello from the kit").build()).drain(), "AC-1.1");
      assertThat(response.outputText())
          .as("AC-1.1: the output text of an echo request")
          .isEqualTo("echo: hello from the kit");
    }
  }

  @Test
  public void ac_1_2_a_rejected_key_fails_with_an_api_error_401() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel(f.options().apiKey("sk-tck-wrong-key").build());
      Throwable error = failureOf(channel.create(echo("hi").build()).drain(), "AC-1.2");
      assertThat(error)
          .as("AC-1.2: expected ApiException with status 401, observed %s", Describe.error(error))
          .isInstanceOf(ApiException.class);
      assertThat(((ApiException) error).status())
          .as(
              "AC-1.2: status of %s; check that the 401 of the request (or upgrade) is read",
              Describe.error(error))
          .isEqualTo(401);
    }
  }

  @Test
  public void ac_1_3_a_refused_connect_fails_as_not_sent() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (Fixture f = fixture()) {
      AgentChannel channel =
          f.channel(
              f.options().baseUrl(URI.create("http://127.0.0.1:" + closedPort + "/v1")).build());
      Throwable error = failureOf(channel.create(echo("hi").build()).drain(), "AC-1.3");
      assertThat(error)
          .as(
              "AC-1.3: expected ConnectionException(requestMayHaveBeenSent=false), observed %s",
              Describe.error(error))
          .isInstanceOf(ConnectionException.class);
      assertThat(((ConnectionException) error).requestMayHaveBeenSent())
          .as(
              "AC-1.3: a refused connect wrote nothing, so requestMayHaveBeenSent must be false"
                  + " (use ConnectionException.notSent); observed %s",
              Describe.error(error))
          .isFalse();
    }
  }

  @Test
  public void ac_1_4_declared_capabilities_are_consistent() throws Exception {
    assertThat(provider().id())
        .as("AC-1.4: the provider id is what users configure: lower-case, no blanks")
        .matches("[a-z][a-z0-9._-]*");
    assertThat(provider().version()).as("AC-1.4: the provider version, for reports").isNotBlank();
    try (Fixture f = fixture()) {
      Transport transport = f.transport(f.options().build());
      Set<?> effective = transport.capabilities();
      assertThat(provider().capabilities())
          .as(
              "AC-1.4: Transport.capabilities() %s must be a subset of"
                  + " TransportProvider.capabilities() %s",
              effective, provider().capabilities())
          .containsAll(transport.capabilities());
      AgentChannel channel = f.channel();
      assertThat(channel.transportId())
          .as("AC-1.4: channel transport id")
          .isEqualTo(provider().id());
      assertThat(channel.capabilities())
          .as("AC-1.4: the channel reports the transport's effective capabilities")
          .isEqualTo(effective);
    }
  }

  @Test
  public void ac_1_5_the_api_key_appears_in_no_error_message() throws Exception {
    String secret = "sk-tck-secret-" + Long.toHexString(System.nanoTime());
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel(f.options().apiKey(secret).build());
      Throwable error = failureOf(channel.create(echo("hi").build()).drain(), "AC-1.5");
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage()) + " " + t)
            .as(
                "AC-1.5: an error (%s) carries the API key; never put the request's"
                    + " Authorization header or key into messages",
                t.getClass().getName())
            .doesNotContain(secret);
      }
      assertThat(channel.toString()).as("AC-1.5: channel toString").doesNotContain(secret);
    }
  }
}
