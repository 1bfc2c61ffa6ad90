package io.agentchannel.transport.vertx.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: the reader side of one
 * connection, so its events reach subscribers in order while many connections share a few delivery
 * threads. A task never runs concurrently with another task of the same instance.
 *
 * <p>If the shared executor has been shut down (the transport is closing), tasks run on the
 * submitting thread instead of being lost: what is delivered then is the failure of what was in
 * flight, which must still reach its subscriber.
 */
final class SerialExecutor implements Executor {

  /** Tasks run in one go before the thread is handed to the next connection's tasks. */
  private static final int FAIR_SHARE = 64;

  private final Executor shared;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>(); // guarded by this
  private boolean running; // guarded by this

  SerialExecutor(Executor shared) {
    this.shared = Objects.requireNonNull(shared, "shared");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (this) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      shared.execute(this::drain);
    } catch (RejectedExecutionException shutDown) {
      drain();
    }
  }

  private void drain() {
    for (int done = 0; ; done++) {
      if (done == FAIR_SHARE) {
        // Let the other connections on the shared threads have a turn.
        try {
          shared.execute(this::drain);
          return;
        } catch (RejectedExecutionException shutDown) {
          done = 0;
        }
      }
      Runnable next;
      synchronized (this) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException | Error bug) {
        Thread current = Thread.currentThread();
        current.getUncaughtExceptionHandler().uncaughtException(current, bug);
      }
    }
  }
}
