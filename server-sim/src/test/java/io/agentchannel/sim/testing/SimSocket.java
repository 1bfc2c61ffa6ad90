package io.agentchannel.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agentchannel.sim.SimServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket-mode client for the simulator's tests, on the real Vert.x WebSocket client: sends
 * text frames, queues every frame received, and records how the connection closed.
 */
public final class SimSocket implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long WAIT_SECONDS = 20;

  /**
   * Held for the socket's life: Vert.x closes a client, and every connection it made, once the
   * client is garbage collected.
   */
  private final WebSocketClient client;

  private final WebSocket ws;
  private final LinkedBlockingDeque<String> frames = new LinkedBlockingDeque<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private SimSocket(WebSocketClient client, WebSocket ws) {
    this.client = client;
    this.ws = ws;
    ws.textMessageHandler(frames::add);
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
  }

  /** Connects to the server's WebSocket endpoint with {@code headers} on the upgrade. */
  public static SimSocket connect(Vertx vertx, SimServer server, String... headers) {
    WebSocketClientOptions clientOptions =
        new WebSocketClientOptions()
            .setMaxMessageSize(64 * 1024 * 1024)
            .setMaxFrameSize(64 * 1024 * 1024);
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost(server.host())
            .setPort(server.port())
            .setURI("/v1/responses");
    for (int i = 0; i < headers.length; i += 2) {
      options.addHeader(headers[i], headers[i + 1]);
    }
    WebSocketClient client = vertx.createWebSocketClient(clientOptions);
    try {
      WebSocket ws =
          client
              .connect(options)
              .toCompletionStage()
              .toCompletableFuture()
              .get(WAIT_SECONDS, TimeUnit.SECONDS);
      return new SimSocket(client, ws);
    } catch (Exception e) {
      client.close();
      throw new IllegalStateException("could not connect: " + e, e);
    }
  }

  public void send(String json) {
    ws.writeTextMessage(json);
  }

  public void sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** The next frame, failing the test if none comes in time. */
  public JsonNode next() {
    try {
      String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
      }
      return JSON.readTree(frame);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.io.IOException e) {
      throw new AssertionError("frame is not JSON", e);
    }
  }

  /** The next raw frame text. */
  public String nextRaw() {
    try {
      String frame = frames.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within " + WAIT_SECONDS + " s");
      }
      return frame;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Frames up to and including the first that matches {@code last}. */
  public List<JsonNode> until(Predicate<JsonNode> last) {
    List<JsonNode> received = new ArrayList<>();
    while (true) {
      JsonNode frame = next();
      received.add(frame);
      if (last.test(frame)) {
        return received;
      }
    }
  }

  /** Frames up to and including the next terminal one (completed, failed, incomplete, error). */
  public List<JsonNode> untilTerminal() {
    return until(SimSocket::isTerminal);
  }

  public static boolean isTerminal(JsonNode frame) {
    String type = frame.path("type").asText();
    return type.equals("response.completed")
        || type.equals("response.failed")
        || type.equals("response.incomplete")
        || type.equals("error");
  }

  /** Whether a frame arrives within {@code millis}. */
  public boolean frameWithin(long millis) {
    try {
      String frame = frames.poll(millis, TimeUnit.MILLISECONDS);
      if (frame != null) {
        frames.addFirst(frame);
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The close status code once closed (null when the peer vanished without a close frame). */
  public Short awaitClose() {
    try {
      return closed.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("not closed within " + WAIT_SECONDS + " s", e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.close();
    }
    client.close();
  }
}
