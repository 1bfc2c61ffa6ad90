package io.agentchannel.tck.reference;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ApiException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.PhaseTimeoutException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.ServerEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** One response: POST, then read SSE lines on this thread, pausing while the sink is full. */
final class SseExchange implements Runnable {

  private final ReferenceSseTransport transport;
  // The body of a 200 response, once its headers arrived (set on the client's thread).
  private final AtomicReference<QueuedBody> streamed = new AtomicReference<>();
  private final CreateRequest request;
  private final ExchangeDeadlines deadlines;
  private final EventSink out;
  private final Consumer<SseExchange> done;
  private final Object lock = new Object();
  private long resumes; // guarded by lock
  private volatile boolean ended;
  private volatile InputStream body;
  private volatile CompletableFuture<HttpResponse<InputStream>> pending;

  SseExchange(
      ReferenceSseTransport transport,
      CreateRequest request,
      EventSink sink,
      Consumer<SseExchange> done) {
    this.transport = transport;
    this.request = request;
    this.done = done;
    this.deadlines =
        ExchangeDeadlines.start(
            transport.options.timeouts(),
            transport.timer,
            sink,
            () -> {
              ended = true; // the deadline has failed the response
              closeBody();
            });
    this.out = deadlines.sink();
    out.onResume(
        () -> {
          synchronized (lock) {
            resumes++;
            lock.notifyAll();
          }
        });
    out.onCancel(
        () -> {
          ended = true;
          closeBody();
        });
  }

  /** Fails the response and stops reading (session closed). */
  void abort(AgentChannelException error) {
    if (!ended) {
      ended = true;
      out.fail(error);
    }
    closeBody();
  }

  private void closeBody() {
    CompletableFuture<?> headers = pending;
    if (headers != null) {
      headers.cancel(true);
    }
    InputStream current = body;
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // closing is all we wanted
      }
    }
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  @Override
  public void run() {
    try {
      exchange();
    } finally {
      done.accept(this);
      closeBody();
    }
  }

  private void exchange() {
    URI uri =
        URI.create(transport.options.baseUrl().toString().replaceAll("/+$", "") + "/responses");
    HttpRequest.Builder http =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    WireCodec.shared()
                        .writeCreateRequest(request.toBuilder().stream(true).build())));
    transport
        .options
        .apiKey()
        .ifPresent(key -> http.header("Authorization", "Bearer " + key.reveal()));
    HttpResponse<InputStream> response;
    try {
      deadlines.awaitResponseHeaders();
      pending =
          transport
              .client()
              .sendAsync(
                  http.build(),
                  info -> {
                    QueuedBody started = new QueuedBody();
                    if (info.statusCode() == 200) {
                      streamed.set(started);
                    }
                    return started;
                  });
      deadlines.requestWritten(); // a small body: handed over at once
      response = pending.get();
      deadlines.responseHeadersReceived();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      QueuedBody started = streamed.get();
      if (started != null) {
        // The stream had begun when the connection failed: the JDK may fail the response before
        // handing it over, but the events received before the failure are in the body, then the
        // failure. Deliver them, as a client reading the stream would have.
        deadlines.responseHeadersReceived();
        body = started.getBody().toCompletableFuture().join();
        read();
        return;
      }
      boolean notSent = cause instanceof ConnectException;
      if (cause instanceof HttpConnectTimeoutException) {
        end(
            new PhaseTimeoutException(
                PhaseTimeoutException.Phase.CONNECT,
                transport.options.timeouts().connect(),
                uri.toString()));
      } else {
        end(
            notSent
                ? ConnectionException.notSent("could not connect to " + uri.getAuthority(), cause)
                : ConnectionException.afterSend("the exchange failed: " + cause, cause));
      }
      return;
    } catch (InterruptedException | java.util.concurrent.CancellationException e) {
      end(ConnectionException.afterSend("the exchange was aborted", e));
      return;
    } catch (IllegalStateException closed) {
      end(ConnectionException.notSent("the transport is closed", closed));
      return;
    }
    body = response.body();
    if (ended) {
      closeBody();
      return;
    }
    if (response.statusCode() != 200) {
      end(apiError(response));
      return;
    }
    read();
  }

  private ApiException apiError(HttpResponse<InputStream> response) {
    Map<String, String> headers = new TreeMap<>();
    response
        .headers()
        .map()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String text;
    try (InputStream in = response.body()) {
      text = new String(in.readNBytes(65536), StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = "";
    }
    ErrorDetail detail;
    try {
      detail = WireCodec.shared().readErrorBody(text);
    } catch (RuntimeException notAnErrorBody) {
      detail = ErrorDetail.of(null, null, text, null);
    }
    Duration retryAfter = ApiException.retryAfterOf(headers);
    return new ApiException(response.statusCode(), detail, retryAfter, headers);
  }

  private void read() {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1024);
    StringBuilder data = new StringBuilder();
    try {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (ended) {
          return;
        }
        if (line.isEmpty()) {
          if (data.length() > 0 && !dispatch(data.toString())) {
            return;
          }
          data.setLength(0);
        } else if (line.startsWith("data:")) {
          if (data.length() > 0) {
            data.append('\n');
          }
          data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
        } else if (!line.startsWith("event:")
            && !line.startsWith(":")
            && !line.startsWith("id:")
            && !line.startsWith("retry:")) {
          end(new ProtocolViolationException("not an SSE line", null, line, null));
          return;
        }
      }
      end(ConnectionException.afterSend("the body ended before the terminal event", null));
    } catch (IOException e) {
      end(ConnectionException.afterSend("the connection failed mid-stream: " + e, e));
    }
  }

  /** Pushes one event; false when the response has ended. */
  private boolean dispatch(String json) {
    if (json.equals("[DONE]")) {
      return true;
    }
    ServerEvent event;
    try {
      event = WireCodec.shared().readEvent(json);
    } catch (ProtocolViolationException e) {
      end(e);
      return false;
    }
    long seen;
    synchronized (lock) {
      seen = resumes;
    }
    boolean more = out.push(event);
    if (event.isTerminal()) {
      ended = true;
      return false;
    }
    if (!more) {
      synchronized (lock) {
        while (resumes == seen && !ended) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
    }
    return !ended;
  }

  private void end(AgentChannelException error) {
    if (!ended) {
      ended = true;
      out.fail(error);
    }
  }
}
