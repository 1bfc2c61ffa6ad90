package io.agentchannel.transport.http.internal;

import io.agentchannel.error.AgentChannelException;
import io.agentchannel.error.ConnectionException;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.spi.EventSink;
import io.agentchannel.spi.ExchangeDeadlines;
import io.agentchannel.wire.WireCodec;
import io.agentchannel.wire.model.CreateRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One response: {@code POST /responses} with {@code stream:true}, then its event stream into the
 * sink, under the exchange's deadlines.
 *
 * <p>The outcome reaches the sink exactly once through the deadlines' sink (so every deadline stops
 * with it): the terminal event, or one typed error. Aborting (a cancel from the consumer, an
 * expired deadline, a closing session) cancels the HTTP exchange, which closes its connection or
 * HTTP/2 stream rather than reading the rest of a body nobody wants.
 */
final class SseExchange {

  private static final String USER_AGENT = "agentchannel-http";

  private final ExchangeSettings settings;
  private final Consumer<SseExchange> onEnd;
  private final AtomicBoolean ended = new AtomicBoolean();
  private ExchangeDeadlines deadlines;
  private EventSink sink;
  private volatile CompletableFuture<HttpResponse<Void>> response;
  private volatile Flow.Subscription body;
  private volatile boolean aborted;

  SseExchange(ExchangeSettings settings, Consumer<SseExchange> onEnd) {
    this.settings = settings;
    this.onEnd = onEnd;
  }

  /**
   * Sends the request; never throws (failures go to the sink). The client is not kept: a pooled
   * connection keeps its last exchange's body subscriber, and through it this object, reachable,
   * and a reference to the client from here would keep a closed client's selector thread alive.
   */
  void start(HttpClient client, CreateRequest request, EventSink target) {
    deadlines = ExchangeDeadlines.start(settings.timeouts(), settings.timer(), target, this::abort);
    sink = deadlines.sink();
    sink.onCancel(this::cancelled);
    if (sink.isCancelled()) {
      cancelled();
      return;
    }
    HttpRequest httpRequest;
    try {
      httpRequest = httpRequest(request);
    } catch (RuntimeException unwritable) {
      fail(
          ConnectionException.notSent(
              "the request could not be written: " + unwritable.getMessage(), unwritable));
      return;
    }
    deadlines.awaitResponseHeaders();
    CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(httpRequest, this::bodyFor);
    response = sent;
    if (aborted) {
      sent.cancel(true);
    }
    sent.whenComplete(
        (ignored, error) -> {
          if (error != null) {
            fail(Failures.of(error, settings.endpoint(), settings.timeouts()));
          }
        });
  }

  /** Ends the exchange with {@code error} (if it has not ended) and aborts it. */
  void closeWith(AgentChannelException error) {
    fail(error);
    abort();
  }

  private HttpRequest httpRequest(CreateRequest request) {
    CreateRequest streaming =
        Boolean.TRUE.equals(request.stream()) ? request : request.toBuilder().stream(true).build();
    byte[] json = WireCodec.shared().writeCreateRequest(streaming).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.endpoint())
            .version(settings.requestVersion())
            .header("Content-Type", "application/json")
            .header("Accept", "text/event-stream")
            .header("User-Agent", USER_AGENT)
            .POST(new WrittenBodyPublisher(json, () -> deadlines.requestWritten()));
    settings.apiKey().ifPresent(key -> builder.header("Authorization", key.bearerHeader()));
    return builder.build();
  }

  /** Chooses how to read the body once the status line and headers are in. */
  private HttpResponse.BodySubscriber<Void> bodyFor(HttpResponse.ResponseInfo info) {
    deadlines.responseHeadersReceived();
    deadlines.requestWritten(); // a server may answer before reading the whole request
    int status = info.statusCode();
    if (status < 200 || status > 299) {
      return new BoundedBodySubscriber(
          settings.maxErrorBodyBytes(),
          this::bodySubscribed,
          read ->
              fail(
                  HttpErrors.apiException(status, info.headers(), read.bytes(), read.truncated())));
    }
    String contentType = info.headers().firstValue("content-type").orElse("");
    if (!isEventStream(contentType)) {
      return new BoundedBodySubscriber(
          ProtocolViolationException.MAX_EXCERPT,
          this::bodySubscribed,
          read ->
              fail(
                  new ProtocolViolationException(
                      "expected an event stream (text/event-stream) but status "
                          + status
                          + " came with content type '"
                          + contentType
                          + "'",
                      null,
                      new String(read.bytes(), StandardCharsets.UTF_8),
                      null)));
    }
    return new SseBodySubscriber(
        sink,
        settings.maxEventBytes(),
        settings.executor(),
        settings.timer(),
        SseBodySubscriber.terminalGrace(settings.timeouts().idle()),
        new SseBodySubscriber.Outcome() {
          @Override
          public void subscribed(Flow.Subscription subscription) {
            bodySubscribed(subscription);
          }

          @Override
          public void failed(AgentChannelException error) {
            fail(error);
          }

          @Override
          public void completed() {
            end();
          }
        });
  }

  static boolean isEventStream(String contentType) {
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.strip().toLowerCase(Locale.ROOT).equals("text/event-stream");
  }

  private void bodySubscribed(Flow.Subscription subscription) {
    body = subscription;
    if (aborted) {
      subscription.cancel();
    }
  }

  private void fail(AgentChannelException error) {
    if (end()) {
      sink.fail(error);
    }
  }

  private void cancelled() {
    end();
    abort();
  }

  /** Marks the exchange over; true for the first caller. */
  private boolean end() {
    if (ended.compareAndSet(false, true)) {
      onEnd.accept(this);
      return true;
    }
    return false;
  }

  /** Cancels the HTTP exchange: the connection (HTTP/1.1) or stream (HTTP/2) is closed. */
  private void abort() {
    aborted = true;
    end();
    Flow.Subscription subscription = body;
    if (subscription != null) {
      subscription.cancel();
    }
    CompletableFuture<HttpResponse<Void>> sent = response;
    if (sent != null) {
      sent.cancel(true);
    }
  }

  /**
   * The request body, a fixed-length JSON document, that tells when the client has taken all of it:
   * the moment the request is on the wire, from which {@code FIRST_EVENT} counts.
   */
  private static final class WrittenBodyPublisher implements HttpRequest.BodyPublisher {
    private final HttpRequest.BodyPublisher bytes;
    private final Runnable written;

    WrittenBodyPublisher(byte[] json, Runnable written) {
      this.bytes = HttpRequest.BodyPublishers.ofByteArray(json);
      this.written = written;
    }

    @Override
    public long contentLength() {
      return bytes.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
      bytes.subscribe(
          new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
              subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
              subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
              subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
              written.run();
              subscriber.onComplete();
            }
          });
    }
  }
}
