package io.agentchannel.sim.internal.ws;

import io.agentchannel.sim.internal.run.EventJson;
import io.agentchannel.sim.internal.run.EventOutput;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import java.util.Map;

/** One lane's view of the connection: events go out as text frames on the shared socket. */
final class WsOutput implements EventOutput {

  private final WsConnection connection;
  private final EventJson eventJson = new EventJson();

  WsOutput(WsConnection connection) {
    this.connection = connection;
  }

  @Override
  public void write(ServerEvent event) {
    connection.send(eventJson.write(event));
  }

  @Override
  public void writeRaw(String payload) {
    connection.send(payload);
  }

  @Override
  public ServerEvent errorEvent(
      long sequenceNumber, String streamId, int status, ErrorDetail error) {
    return new ServerEvent.Error(
        new EventMeta(sequenceNumber, streamId, Map.of()),
        status,
        error,
        ServerEvent.ErrorShape.NESTED);
  }

  @Override
  public boolean writeQueueFull() {
    return connection.writeQueueFull();
  }

  @Override
  public void onDrain(Runnable action) {
    connection.onDrain(action);
  }

  @Override
  public void end() {}

  @Override
  public void abort() {
    connection.drop();
  }

  @Override
  public void close(int closeCode) {
    connection.close(closeCode, "simulated close");
  }
}
