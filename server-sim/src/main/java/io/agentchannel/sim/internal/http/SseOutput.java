package io.agentchannel.sim.internal.http;

import io.agentchannel.sim.internal.run.EventJson;
import io.agentchannel.sim.internal.run.EventOutput;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/**
 * Writes events as Server-Sent Events: {@code event: <type>}, {@code data: <json>}, a blank line.
 * No {@code id:} lines and no {@code [DONE]} sentinel: the body simply ends after the terminal
 * event, as the service's does.
 */
class SseOutput implements EventOutput {

  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final EventJson eventJson = new EventJson();

  SseOutput(HttpServerRequest request) {
    this.request = request;
    this.response = request.response();
  }

  @Override
  public void write(ServerEvent event) {
    writeFrame(event.type(), eventJson.write(event));
  }

  @Override
  public void writeRaw(String payload) {
    writeFrame("response.output_text.delta", payload);
  }

  private void writeFrame(String type, String json) {
    if (response.closed()) {
      return;
    }
    StringBuilder frame = new StringBuilder(json.length() + type.length() + 16);
    frame.append("event: ").append(type).append("\ndata: ").append(json).append("\n\n");
    response.write(Buffer.buffer(frame.toString()));
  }

  @Override
  public ServerEvent errorEvent(
      long sequenceNumber, String streamId, int status, ErrorDetail error) {
    return new ServerEvent.Error(
        new EventMeta(sequenceNumber, null, Map.of()), null, error, ServerEvent.ErrorShape.FLAT);
  }

  @Override
  public boolean writeQueueFull() {
    return !response.closed() && response.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable action) {
    response.drainHandler(v -> action.run());
  }

  @Override
  public void end() {
    if (!response.closed() && !response.ended()) {
      response.end();
    }
  }

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
