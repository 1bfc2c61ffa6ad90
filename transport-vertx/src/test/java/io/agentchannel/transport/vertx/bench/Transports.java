package io.agentchannel.transport.vertx.bench;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.transport.vertx.VertxTransportProvider;
import io.agentchannel.transport.websocket.WebSocketTransportProvider;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

/** The two WebSocket-mode transports, configured alike, and one short turn. */
final class Transports {

  private Transports() {}

  /**
   * @param id {@code vertx}, {@code vertx-event-loop} (callbacks on the event loop) or {@code
   *     websocket}
   */
  static Transport create(String id, URI baseUrl) {
    AgentChannelOptions options =
        AgentChannelOptions.builder()
            .systemProperties(new Properties())
            .environment(Map.of())
            .baseUrl(baseUrl)
            .setting("agentchannel.vertx.deliver-on-event-loop", "" + id.endsWith("-event-loop"))
            .build();
    return switch (id) {
      case "vertx", "vertx-event-loop" -> new VertxTransportProvider().create(options);
      case "websocket" -> new WebSocketTransportProvider().create(options);
      default -> throw new IllegalArgumentException("unknown transport " + id);
    };
  }

  static final CreateRequest TURN =
      CreateRequest.builder()
          .model("echo")
          .store(false)
          .input(List.of(MessageItem.user("how are the tests?")))
          .build();

  static CompletableFuture<Response> turn(TransportSession session) {
    BufferedResponseStream stream = new BufferedResponseStream(256);
    session.send(TURN, stream);
    return stream.drain();
  }
}
