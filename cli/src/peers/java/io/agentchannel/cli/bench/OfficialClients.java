package io.agentchannel.cli.bench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.ResponseConnection;
import com.openai.core.http.StreamResponse;
import com.openai.core.http.WebSocketWriteNotAttempted;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponsesClientEvent;
import com.openai.models.responses.ResponsesServerEvent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The official {@code openai-java} client as a throughput peer: the same short turns over its
 * WebSocket connection ({@code client.responses().connect()}, one per session) or over its HTTP
 * streaming ({@code createStreaming}). Its API is synchronous, so each session is a thread of its
 * own. Compiled only with the {@code peers} Maven profile.
 */
final class OfficialClients implements Clients {

  private final boolean webSocket;
  private final OpenAIClient client;
  private final List<ResponseConnection> connections = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final int sessions;
  private final String prompt;
  private volatile boolean stopping;

  OfficialClients(boolean webSocket, URI baseUrl, String apiKey, int sessions, int answerTokens) {
    this.webSocket = webSocket;
    this.sessions = sessions;
    this.prompt = Clients.prompt(answerTokens);
    this.client =
        OpenAIOkHttpClient.builder()
            .apiKey(apiKey)
            .baseUrl(baseUrl.toString())
            .maxRetries(0)
            .timeout(Duration.ofSeconds(30))
            .build();
    if (webSocket) {
      for (int i = 0; i < sessions; i++) {
        connections.add(client.responses().connect());
      }
    }
  }

  /** Opens the peer named {@code official-ws} or {@code official-http}. */
  static Clients open(String id, URI baseUrl, String apiKey, int sessions, int answerTokens) {
    return new OfficialClients(id.endsWith("-ws"), baseUrl, apiKey, sessions, answerTokens);
  }

  @Override
  public void start(TurnRecorder recorder) {
    for (int i = 0; i < sessions; i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                if (webSocket) {
                  loopWebSocket(index, recorder);
                } else {
                  loopHttp(index, recorder);
                }
              },
              "official-client-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void loopWebSocket(int index, TurnRecorder recorder) {
    ResponseConnection connection = connections.get(index);
    ResponsesClientEvent create =
        ResponsesClientEvent.ofResponseCreate(
            ResponsesClientEvent.ResponseCreate.builder()
                .model("echo")
                .store(false)
                .input(prompt)
                .build());
    while (!stopping) {
      long start = System.nanoTime();
      int deltas = 0;
      boolean failed = false;
      try {
        sendWhenAccepted(connection, create);
        while (true) {
          ResponsesServerEvent event = connection.receive();
          if (event.isResponseOutputTextDelta()) {
            deltas++;
          } else if (event.isResponseCompleted()) {
            break;
          } else if (event.isError() || event.isResponseFailed()) {
            failed = true;
            break;
          }
        }
      } catch (RuntimeException e) {
        failed = true;
      }
      recorder.turn(index, System.nanoTime() - start, deltas, failed);
      if (failed) {
        return;
      }
    }
  }

  /** The SDK refuses a write with {@code Busy}, writing nothing, while one is pending. */
  private static void sendWhenAccepted(ResponseConnection c, ResponsesClientEvent event) {
    while (true) {
      try {
        c.send(event);
        return;
      } catch (WebSocketWriteNotAttempted.Busy busy) {
        LockSupport.parkNanos(100_000);
      }
    }
  }

  private void loopHttp(int index, TurnRecorder recorder) {
    ResponseCreateParams params =
        ResponseCreateParams.builder().model("echo").store(false).input(prompt).build();
    while (!stopping) {
      long start = System.nanoTime();
      int[] deltas = {0};
      boolean failed = false;
      try (StreamResponse<ResponseStreamEvent> stream =
          client.responses().createStreaming(params)) {
        stream
            .stream()
            .forEach(
                e -> {
                  if (e.isOutputTextDelta()) {
                    deltas[0]++;
                  }
                });
      } catch (RuntimeException e) {
        failed = true;
      }
      recorder.turn(index, System.nanoTime() - start, deltas[0], failed);
      if (failed) {
        return;
      }
    }
  }

  @Override
  public void stopAndAwait() throws InterruptedException {
    stopping = true;
    for (Thread t : threads) {
      t.join(30_000);
      if (t.isAlive()) {
        throw new IllegalStateException("an official-client turn is still running after 30 s");
      }
    }
  }

  @Override
  public void close() {
    connections.forEach(ResponseConnection::close);
    client.close();
  }
}
