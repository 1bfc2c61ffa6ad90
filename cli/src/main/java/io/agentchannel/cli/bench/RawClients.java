package io.agentchannel.cli.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;

/**
 * The raw baseline: WebSocket connections on the JDK's client that write one pre-serialized {@code
 * response.create} frame per turn and read frames without parsing them, only looking at the start
 * of each for a text delta or a terminal event. It moves the same bytes as a WebSocket-mode
 * transport and bounds what any client can do against this server in this JVM.
 */
final class RawClients implements Clients {

  private static final String PREFIX = "{\"type\":\"";

  private final HttpClient http;
  private final List<WebSocket> sockets = new ArrayList<>();
  private final List<Listener> listeners = new ArrayList<>();
  private final String frame;
  private final Phaser inFlight = new Phaser(1);
  private volatile boolean stopping;
  private volatile TurnRecorder recorder;

  RawClients(URI webSocketUrl, String apiKey, int sessions, int answerTokens) throws Exception {
    this.frame =
        "{\"type\":\"response.create\",\"model\":\"echo\",\"store\":false,\"input\":[{\"type\":"
            + "\"message\",\"role\":\"user\",\"content\":\""
            + Clients.prompt(answerTokens)
            + "\"}]}";
    this.http = HttpClient.newHttpClient();
    try {
      for (int i = 0; i < sessions; i++) {
        Listener listener = new Listener(i);
        WebSocket socket =
            http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + apiKey)
                .buildAsync(webSocketUrl, listener)
                .get(30, TimeUnit.SECONDS);
        listeners.add(listener);
        sockets.add(socket);
      }
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  @Override
  public void start(TurnRecorder recorder) {
    this.recorder = recorder;
    for (int i = 0; i < sockets.size(); i++) {
      send(i);
    }
  }

  private void send(int index) {
    if (stopping) {
      return;
    }
    inFlight.register();
    Listener listener = listeners.get(index);
    listener.start = System.nanoTime();
    listener.deltas = 0;
    listener.inTurn = true;
    sendFrame(listener, sockets.get(index), 0);
  }

  /**
   * The JDK client can still report its previous send as pending ({@code IllegalStateException:
   * Send pending}) just after that send's future completed; such a send wrote nothing, so it is
   * retried after a moment.
   */
  private void sendFrame(Listener listener, WebSocket socket, int attempt) {
    socket
        .sendText(frame, true)
        .whenComplete(
            (ws, error) -> {
              if (error == null) {
                return;
              }
              Throwable cause = error instanceof CompletionException ? error.getCause() : error;
              if (cause instanceof IllegalStateException && attempt < 1000) {
                CompletableFuture.delayedExecutor(100, TimeUnit.MICROSECONDS)
                    .execute(() -> sendFrame(listener, socket, attempt + 1));
              } else {
                listener.finish(true);
              }
            });
  }

  @Override
  public void stopAndAwait() throws InterruptedException {
    stopping = true;
    try {
      inFlight.awaitAdvanceInterruptibly(inFlight.arrive(), 30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("raw turns still in flight 30 s after the measurement", e);
    }
  }

  @Override
  public void close() {
    for (WebSocket s : sockets) {
      s.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final int index;
    private final StringBuilder partial = new StringBuilder();
    volatile long start;
    int deltas;
    volatile boolean inTurn;

    Listener(int index) {
      this.index = index;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      CharSequence whole = data;
      if (!last || partial.length() > 0) {
        partial.append(data);
        whole = partial;
      }
      if (last) {
        String head = whole.subSequence(0, Math.min(64, whole.length())).toString();
        partial.setLength(0);
        if (head.startsWith(PREFIX + "response.output_text.delta\"")) {
          deltas++;
        } else if (head.startsWith(PREFIX + "response.completed\"")) {
          finish(false);
        } else if (head.startsWith(PREFIX + "response.failed\"")
            || head.startsWith(PREFIX + "response.incomplete\"")
            || head.startsWith(PREFIX + "error\"")) {
          finish(true);
        }
      }
      socket.request(1);
      return null;
    }

    private synchronized void finish(boolean failed) {
      if (!inTurn) {
        return;
      }
      inTurn = false;
      recorder.turn(index, System.nanoTime() - start, deltas, failed);
      inFlight.arriveAndDeregister();
      if (!failed) {
        send(index);
      }
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      finish(true);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      finish(true);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      socket.request(1);
      return null;
    }
  }
}
