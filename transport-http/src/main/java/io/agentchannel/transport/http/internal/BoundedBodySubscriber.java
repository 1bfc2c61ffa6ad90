package io.agentchannel.transport.http.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Reads at most {@code limit} bytes of a body (an error body, or the start of a body that is not an
 * event stream), then hands them over; past the limit it cancels the body, which closes the
 * connection instead of reading an unbounded body to keep it.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<Void> {

  /** What was read. */
  record Body(byte[] bytes, boolean truncated) {}

  private final int limit;
  private final Consumer<Body> onBody;
  private final Consumer<Flow.Subscription> onSubscribed;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;
  private boolean done;

  BoundedBodySubscriber(
      int limit, Consumer<Flow.Subscription> onSubscribed, Consumer<Body> onBody) {
    this.limit = limit;
    this.onSubscribed = onSubscribed;
    this.onBody = onBody;
  }

  @Override
  public CompletionStage<Void> getBody() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    onSubscribed.accept(subscription);
    subscription.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> chunks) {
    if (done) {
      return;
    }
    for (ByteBuffer chunk : chunks) {
      int take = Math.min(chunk.remaining(), limit - bytes.size());
      byte[] part = new byte[take];
      chunk.get(part);
      bytes.write(part, 0, take);
      if (chunk.hasRemaining()) {
        subscription.cancel();
        deliver(true);
        return;
      }
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    deliver(true);
  }

  @Override
  public void onComplete() {
    deliver(false);
  }

  private void deliver(boolean truncated) {
    if (!done) {
      done = true;
      onBody.accept(new Body(bytes.toByteArray(), truncated));
    }
  }
}
