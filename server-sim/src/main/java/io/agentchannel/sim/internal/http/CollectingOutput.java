package io.agentchannel.sim.internal.http;

import io.agentchannel.wire.model.ServerEvent;
import io.vertx.core.http.HttpServerRequest;

/**
 * The output of a non-streaming request: the events are produced (and their delays paid) but not
 * sent; the final Response object is sent as the body once the turn ends. A fault that drops the
 * connection drops it as on a stream.
 */
final class CollectingOutput extends SseOutput {

  CollectingOutput(HttpServerRequest request) {
    super(request);
  }

  @Override
  public void write(ServerEvent event) {}

  @Override
  public void writeRaw(String payload) {}

  @Override
  public boolean writeQueueFull() {
    return false;
  }

  @Override
  public void onDrain(Runnable action) {
    action.run();
  }

  @Override
  public void end() {}
}
