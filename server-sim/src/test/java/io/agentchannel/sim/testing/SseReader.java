package io.agentchannel.sim.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads an SSE body on its own thread, event by event, so that a test can wait for the next event
 * with a timeout, see when each arrived, and tell a clean end of the body from an abnormal one.
 * {@link #close()} closes the body, which is how a test makes the client go away mid-stream.
 *
 * <p>Lifecycle: reading starts at construction and stops at the end of the body or at {@link
 * #close()}; the reading thread is a daemon and ends with the body. Threading: one test thread
 * takes the events; the queue between it and the reading thread is thread-safe. Limits: the queue
 * is unbounded, so it suits test-sized streams only.
 */
public final class SseReader implements AutoCloseable {

  private static final long WAIT_SECONDS = 20;

  /** What the reading thread saw: an event, or the end of the body (clean or with an error). */
  public record Item(SseEvent event, long arrivedNanos, IOException failure, boolean end) {}

  private final InputStream body;
  private final LinkedBlockingQueue<Item> items = new LinkedBlockingQueue<>();
  private final Thread thread;

  public SseReader(InputStream body) {
    this.body = body;
    this.thread = new Thread(this::read, "sse-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read() {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String name = null;
      StringBuilder data = null;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            items.add(
                new Item(new SseEvent(name, data.toString()), System.nanoTime(), null, false));
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
      items.add(new Item(null, System.nanoTime(), null, true));
    } catch (IOException e) {
      items.add(new Item(null, System.nanoTime(), e, true));
    }
  }

  /** The next event or end, failing the test if neither comes in time. */
  public Item next() {
    Item item = poll(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    if (item == null) {
      throw new AssertionError("nothing read within " + WAIT_SECONDS + " s");
    }
    return item;
  }

  /** The next event, failing the test if the body ends first or nothing comes in time. */
  public SseEvent nextEvent() {
    Item item = next();
    if (item.end()) {
      throw new AssertionError("the body ended instead of an event", item.failure());
    }
    return item.event();
  }

  /** The next event or end within {@code millis}, or {@code null}. */
  public Item poll(long millis) {
    try {
      return items.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Closes the body: the client goes away, whatever the server is still sending. */
  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException e) {
      // The body is being abandoned; how its close went does not matter to the test.
    }
  }
}
