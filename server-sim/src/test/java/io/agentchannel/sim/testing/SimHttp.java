package io.agentchannel.sim.testing;

import io.agentchannel.sim.SimServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain HTTP client for the simulator's tests, on {@code java.net.http} over real sockets: JSON
 * requests, SSE read line by line, nothing buffered beyond what a test asserts on.
 */
public final class SimHttp {

  private final SimServer server;
  private final HttpClient client;
  private String apiKey;

  public SimHttp(SimServer server) {
    this.server = server;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1);
    if (server.tls()) {
      builder.sslContext(server.clientSslContext());
    }
    this.client = builder.build();
  }

  public SimHttp apiKey(String key) {
    this.apiKey = key;
    return this;
  }

  public HttpClient client() {
    return client;
  }

  public URI uri(String path) {
    return URI.create(server.baseUrl().toString().replace("/v1", "") + path);
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    if (apiKey != null) {
      b.header("Authorization", "Bearer " + apiKey);
    }
    return b;
  }

  /** POSTs a JSON body to {@code /v1/responses}. */
  public HttpResponse<String> post(String json, String... headers) {
    HttpRequest.Builder b =
        request("/v1/responses")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE().build());
  }

  /** POSTs a streaming request and reads every SSE event until the body ends. */
  public List<SseEvent> stream(String json, String... headers) {
    HttpResponse<InputStream> response = streamResponse(json, headers);
    if (response.statusCode() != 200) {
      throw new AssertionError("status " + response.statusCode() + ": " + readAll(response.body()));
    }
    return readEvents(response.body());
  }

  public HttpResponse<InputStream> streamResponse(String json, String... headers) {
    HttpRequest.Builder b =
        request("/v1/responses")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Reads SSE events until the end of the body; an I/O error ends the list with it thrown. */
  public static List<SseEvent> readEvents(InputStream body) {
    List<SseEvent> events = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = null;
      StringBuilder data = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new SseEvent(name, data.toString()));
          }
          name = null;
          data = null;
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = data == null ? new StringBuilder() : data.append('\n');
          data.append(line.substring(6));
        }
      }
      if (data != null) {
        events.add(new SseEvent(name, data.toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("after " + events.size() + " events", e);
    }
    return events;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<unreadable: " + e + ">";
    }
  }
}
