package io.agentchannel.transport.vertx;

import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Response;
import java.util.concurrent.CompletableFuture;

/** Runs one turn on a transport session, through the api's own stream, and drains it. */
final class Turns {

  private Turns() {}

  static CompletableFuture<Response> run(TransportSession session, CreateRequest request) {
    BufferedResponseStream stream = new BufferedResponseStream(256);
    session.send(request, stream);
    return stream.drain();
  }
}
