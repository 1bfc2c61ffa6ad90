package io.agentchannel.transport.http;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.Capability;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.transport.http.internal.HttpTransport;
import java.util.Set;

/**
 * The Responses API over HTTP + Server-Sent Events ({@code POST {baseUrl}/responses} with {@code
 * stream:true}) on {@code java.net.http}: transport id {@value #ID}.
 *
 * <p><b>Capabilities: none.</b> Every response is its own HTTP exchange, so there is no persistent
 * connection, no connection-local state, no lanes and no warm-up. A continuation over HTTP may use
 * {@code previous_response_id} only with {@code store:true} (the server loads the previous response
 * from its store); otherwise the runtime sends the full context.
 *
 * <p><b>What a transport holds.</b> {@link #create} builds one {@code HttpClient} with its own
 * executor (threads {@code agentchannel-http-N}) and one deadline timer; every response of the
 * channel shares them, so keep-alive connections are reused from turn to turn (HTTP/1.1), or one
 * connection multiplexes the responses (HTTP/2 over TLS, chosen by ALPN). {@link Transport#close()}
 * fails what is in flight, closes the client and stops those threads.
 *
 * <p><b>Flow control.</b> The body is read only while the response stream accepts events: the
 * stream buffers at most {@code agentchannel.stream.buffer-events} events, and when it is full the
 * transport stops parsing right after the event that filled it and stops asking the HTTP client for
 * body bytes, so the socket's receive window closes and the server is held back. Memory per
 * response is bounded by that many events plus the body chunks already received and not yet parsed
 * (one chunk of the client, at most {@code jdk.httpclient.bufsize}, 16 KiB by default, over
 * HTTP/1.1; at most the stream window, {@code jdk.httpclient.windowsize}, over HTTP/2) plus one
 * event of at most {@code agentchannel.http.max-event-bytes}.
 *
 * <p><b>Security.</b> TLS certificates and host names are verified (the JDK's default trust or the
 * configured trust store); the API key is sent only as {@code Authorization: Bearer} and is never
 * logged nor part of an error.
 *
 * <p>Settings: {@link HttpTransportOptions}. Stateless and thread-safe; cheap to construct.
 */
public final class HttpTransportProvider implements TransportProvider {

  /** The transport id. */
  public static final String ID = "http";

  /** Public for {@link java.util.ServiceLoader}. */
  public HttpTransportProvider() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  /**
   * @throws io.agentchannel.error.ConfigurationException if an {@code agentchannel.http.*} setting
   *     is invalid
   */
  @Override
  public Transport create(AgentChannelOptions options) {
    return new HttpTransport(options, HttpTransportOptions.from(options));
  }
}
