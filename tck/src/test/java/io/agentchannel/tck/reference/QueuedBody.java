package io.agentchannel.tck.reference;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A body as an {@link InputStream} that hands out every byte received before a failure, then the
 * failure (the JDK's own stream reports the failure first, losing what was buffered). It takes the
 * body as fast as it comes: the reference transport bounds what it pushes into the sink, not what
 * it buffers.
 */
final class QueuedBody implements HttpResponse.BodySubscriber<InputStream> {

  private static final ByteBuffer END = ByteBuffer.allocate(0);

  private final LinkedBlockingQueue<Object> chunks = new LinkedBlockingQueue<>();
  // Complete at once, as the JDK's own stream body does: the response is handed over at its
  // headers, and a failure after them reaches the reader through the stream, after the bytes
  // received before it.
  private final Stream stream = new Stream();
  private final CompletableFuture<InputStream> body = CompletableFuture.completedFuture(stream);
  private volatile Flow.Subscription subscription;

  @Override
  public CompletionStage<InputStream> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (stream.closed) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    chunks.addAll(item);
  }

  @Override
  public void onError(Throwable throwable) {
    chunks.add(throwable);
  }

  @Override
  public void onComplete() {
    chunks.add(END);
  }

  private final class Stream extends InputStream {
    private ByteBuffer current = ByteBuffer.allocate(0);
    private volatile boolean closed;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (!current.hasRemaining()) {
        if (closed) {
          throw new IOException("closed");
        }
        Object next;
        try {
          next = chunks.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
        if (next == END) {
          chunks.add(END);
          return -1;
        } else if (next instanceof Throwable error) {
          chunks.add(error);
          throw error instanceof IOException io ? io : new IOException(error);
        } else {
          current = (ByteBuffer) next;
        }
      }
      int n = Math.min(len, current.remaining());
      current.get(b, off, n);
      return n;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
          s.cancel();
        }
        chunks.add(new IOException("closed"));
      }
    }
  }
}
