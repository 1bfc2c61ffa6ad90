package io.agentchannel.websocket;

import io.agentchannel.websocket.spi.WebSocketLink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** An in-memory {@link WebSocketLink}: records what the session does to the socket. */
final class MemoryLink implements WebSocketLink {

  final List<String> sent = new CopyOnWriteArrayList<>();
  final AtomicInteger pings = new AtomicInteger();
  final AtomicInteger pauses = new AtomicInteger();
  final AtomicInteger resumes = new AtomicInteger();
  volatile boolean paused;
  volatile Integer closedWith;
  volatile boolean concurrentSend;

  /** When set, writes fail with it (the frame provably not written). */
  volatile RuntimeException refuseWrites;

  /** When true, writes are acknowledged only by {@link #acknowledgeWrites()}. */
  volatile boolean holdAcknowledgements;

  /** When true, every ping is answered with a pong at once. */
  volatile boolean answerPings;

  WebSocketModeSession session;
  private final List<Consumer<Throwable>> unacknowledged = new ArrayList<>();
  private final AtomicInteger writers = new AtomicInteger();

  @Override
  public void sendText(String frame, Consumer<Throwable> onDone) {
    if (writers.incrementAndGet() > 1) {
      concurrentSend = true;
    }
    try {
      if (refuseWrites != null) {
        onDone.accept(refuseWrites);
        return;
      }
      sent.add(frame);
      if (holdAcknowledgements) {
        synchronized (unacknowledged) {
          unacknowledged.add(onDone);
        }
        return;
      }
    } finally {
      writers.decrementAndGet();
    }
    onDone.accept(null);
  }

  void acknowledgeWrites() {
    List<Consumer<Throwable>> pending;
    synchronized (unacknowledged) {
      pending = new ArrayList<>(unacknowledged);
      unacknowledged.clear();
    }
    pending.forEach(done -> done.accept(null));
  }

  @Override
  public void pauseReading() {
    pauses.incrementAndGet();
    paused = true;
  }

  /** When set, {@link #resumeReading} waits for it after resuming, like a preempted thread. */
  volatile java.util.concurrent.CountDownLatch holdResume;

  final java.util.concurrent.CountDownLatch resumeEntered =
      new java.util.concurrent.CountDownLatch(1);

  @Override
  public void resumeReading() {
    resumes.incrementAndGet();
    paused = false;
    java.util.concurrent.CountDownLatch hold = holdResume;
    if (hold != null) {
      resumeEntered.countDown();
      try {
        hold.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void ping() {
    pings.incrementAndGet();
    if (answerPings) {
      session.onPong();
    }
  }

  @Override
  public void close(int code, String reason) {
    if (closedWith == null) {
      closedWith = code;
    }
  }
}
