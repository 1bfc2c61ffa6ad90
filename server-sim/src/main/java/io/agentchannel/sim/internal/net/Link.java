package io.agentchannel.sim.internal.net;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;

/**
 * One direction of a proxied connection: reads from {@code source}, holds each chunk until its
 * {@link LinkSchedule#departure departure time}, then writes it to {@code destination}. The end of
 * the source travels the link like data and closes the destination when it arrives.
 *
 * <p>One timer per link, armed for the head of the queue, rather than one per chunk: a bandwidth
 * limited link can hold thousands of small chunks.
 *
 * <p>Not thread-safe: created, driven and stopped on the context of its connection, which is also
 * where both sockets' handlers and the timer run.
 */
final class Link {

  /**
   * Bytes a link holds before it stops reading its source; it reads again below half of this. Like
   * a TCP window, it also caps throughput at this many bytes per one-way delay.
   */
  static final long MAX_QUEUED_BYTES = 1 << 20;

  private static final long NO_TIMER = -1;

  private final Vertx vertx;
  private final LinkSchedule schedule;
  private final NetSocket source;
  private final NetSocket destination;
  private final ArrayDeque<Chunk> queue = new ArrayDeque<>();
  private long queuedBytes;
  private long timer = NO_TIMER;
  private boolean held;
  private boolean queueFull;
  private boolean destinationFull;
  private boolean sourcePaused;
  private boolean stopped;

  /** {@code data} is null for the end of the stream. */
  private record Chunk(Buffer data, long departure) {
    int length() {
      return data == null ? 0 : data.length();
    }
  }

  /**
   * @param held whether the source stays paused until {@link #release()} (the connect round trip)
   */
  Link(Vertx vertx, LinkSchedule schedule, NetSocket source, NetSocket destination, boolean held) {
    this.vertx = vertx;
    this.schedule = schedule;
    this.source = source;
    this.destination = destination;
    this.held = held;
    this.sourcePaused = held;
    if (held) {
      source.pause();
    }
  }

  void start() {
    source.handler(this::onData);
    source.endHandler(v -> onEnd());
    destination.drainHandler(
        v -> {
          destinationFull = false;
          updateFlow();
        });
  }

  /** Lets the source be read: the connection is established. */
  void release() {
    held = false;
    updateFlow();
  }

  /** Drops what is queued and reads no more: the destination is gone or the pair is torn down. */
  void stop() {
    stopped = true;
    queue.clear();
    queuedBytes = 0;
    if (timer != NO_TIMER) {
      vertx.cancelTimer(timer);
      timer = NO_TIMER;
    }
  }

  private void onData(Buffer data) {
    if (!stopped) {
      long now = System.nanoTime();
      offer(new Chunk(data, schedule.departure(now, data.length())), now);
    }
  }

  private void onEnd() {
    if (!stopped) {
      long now = System.nanoTime();
      offer(new Chunk(null, schedule.departure(now, 0)), now);
    }
  }

  private void offer(Chunk chunk, long now) {
    if (queue.isEmpty() && chunk.departure() - now <= 0) {
      deliver(chunk);
    } else {
      queue.add(chunk);
      queuedBytes += chunk.length();
      arm(now);
    }
    updateFlow();
  }

  private void drain() {
    timer = NO_TIMER;
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    while (!queue.isEmpty() && queue.peek().departure() - now <= 0) {
      Chunk chunk = queue.poll();
      queuedBytes -= chunk.length();
      deliver(chunk);
    }
    arm(now);
    updateFlow();
  }

  private void arm(long now) {
    if (timer == NO_TIMER && !queue.isEmpty()) {
      timer = vertx.setTimer(millisUntil(queue.peek().departure(), now), id -> drain());
    }
  }

  private void deliver(Chunk chunk) {
    if (chunk.data() == null) {
      destination.close();
      return;
    }
    destination.write(chunk.data());
    if (destination.writeQueueFull()) {
      destinationFull = true;
    }
  }

  private void updateFlow() {
    if (stopped) {
      return;
    }
    if (queuedBytes > MAX_QUEUED_BYTES) {
      queueFull = true;
    } else if (queuedBytes <= MAX_QUEUED_BYTES / 2) {
      queueFull = false;
    }
    boolean pause = held || queueFull || destinationFull;
    if (pause != sourcePaused) {
      sourcePaused = pause;
      if (pause) {
        source.pause();
      } else {
        source.resume();
      }
    }
  }

  /** Rounded up, and at least 1 (the smallest timer Vert.x takes), so a timer never fires early. */
  static long millisUntil(long deadlineNanos, long nowNanos) {
    long nanos = deadlineNanos - nowNanos;
    return Math.max(1, (nanos + 999_999) / 1_000_000);
  }
}
