package io.agentchannel.sim.internal.http;

import io.agentchannel.model.ErrorDetail;
import io.agentchannel.model.EventMeta;
import io.agentchannel.model.ServerEvent;
import io.agentchannel.sim.internal.run.EventOutput;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * The output of a non-streaming request: the events are produced (and their delays paid) but not
 * sent; the final Response object is sent as the body once the turn ends.
 */
final class CollectingOutput implements EventOutput {

  private final HttpServerRequest request;
  private final HttpServerResponse response;

  CollectingOutput(HttpServerRequest request) {
    this.request = request;
    this.response = request.response();
  }

  @Override
  public void write(ServerEvent event) {}

  @Override
  public void writeRaw(String payload) {}

  @Override
  public ServerEvent errorEvent(
      long sequenceNumber, String streamId, int status, ErrorDetail error) {
    return new ServerEvent.Error(
        new EventMeta(sequenceNumber, null, Map.of()), null, error, ServerEvent.ErrorShape.FLAT);
  }

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

  @Override
  public void abort() {
    response.reset();
    request.connection().close();
  }

  @Override
  public void close(int closeCode) {
    abort();
  }
}
