package io.agentchannel.transport.vertx;

import io.agentchannel.internal.stream.BufferedResponseStream;
import io.agentchannel.model.CreateRequest;
import io.agentchannel.model.Response;
import io.agentchannel.spi.TransportSession;
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
