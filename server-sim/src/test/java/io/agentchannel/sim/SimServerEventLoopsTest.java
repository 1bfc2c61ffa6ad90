package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import io.agentchannel.sim.testing.SimSocket;
import io.agentchannel.sim.testing.SseEvent;
import io.agentchannel.wire.WireCodec;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server on several event loops and an ephemeral port: every loop's instance must listen on the
 * one port clients are given (else all connections land on one loop), and the frames written on the
 * fast paths of the event writer must be exactly the codec's.
 */
class SimServerEventLoopsTest {

  private static final WireCodec CODEC = WireCodec.shared();
  private static final String ANSWER =
      "{\"type\":\"response.create\",\"model\":\"echo\",\"store\":false,"
          + "\"input\":\"Say \\\"hi\\\" \\\\ [sim answer_tokens=12]\"}";
  private static final String CALL =
      "{\"type\":\"response.create\",\"model\":\"tool-loop\",\"store\":false,\"stream_id\":\"a.1\","
          + "\"input\":\"go [sim tool_calls=1]\",\"tools\":[{\"type\":\"function\","
          + "\"name\":\"run\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}]}";

  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
    vertx.close().await();
  }

  @Test
  void everyEventLoopServesThePortClientsAreGiven() {
    SimServer sim = start(SimOptions.builder().eventLoops(3).build());

    for (int i = 0; i < 6; i++) {
      SimSocket socket = connect(sim);
      socket.send(ANSWER);
      assertThat(socket.untilTerminal())
          .last()
          .satisfies(f -> assertThat(f.path("type").asText()).isEqualTo("response.completed"));
    }
  }

  @Test
  void webSocketFramesAreTheCodecsJson() {
    SimServer sim = start(SimOptions.defaults());
    SimSocket socket = connect(sim);

    for (String request : List.of(ANSWER, CALL)) {
      socket.send(request);
      String frame;
      do {
        frame = socket.nextRaw();
        assertThat(frame).isEqualTo(CODEC.writeEvent(CODEC.readEvent(frame)));
      } while (!frame.startsWith("{\"type\":\"response.completed\""));
    }
  }

  @Test
  void sseDataIsTheCodecsJson() {
    SimServer sim = start(SimOptions.defaults());

    List<SseEvent> events =
        new SimHttp(sim)
            .stream(
                "{\"model\":\"echo\",\"stream\":true,\"input\":\"Say \\\"hi\\\" [sim answer_tokens=9]\"}");

    assertThat(events).hasSizeGreaterThan(9);
    for (SseEvent event : events) {
      assertThat(event.data()).isEqualTo(CODEC.writeEvent(CODEC.readEvent(event.data())));
    }
  }

  private SimServer start(SimOptions options) {
    SimServer sim = SimServer.start(options);
    closing.add(0, sim);
    return sim;
  }

  private SimSocket connect(SimServer sim) {
    SimSocket socket = SimSocket.connect(vertx, sim);
    closing.add(0, socket);
    return socket;
  }
}
