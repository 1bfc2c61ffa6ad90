package io.agentchannel.transport.vertx.bench;

import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Client heap per idle open session: {@value #SESSIONS} sessions (each its own WebSocket
 * connection) opened against the simulator in a JVM of its own, the heap in use measured after full
 * collections before and after, divided by the count. The transport (its threads, its Vert.x or
 * WebSocket container) and one session are created before the first measurement, so fixed costs are
 * not spread over the sessions. Single shot: the time is that of opening the sessions; the figure
 * is the {@code bytesPerSession} counter. Heap only: Netty's pooled direct buffers and the kernel's
 * socket buffers are not in it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IdleSessionMemoryBenchmark {

  static final int SESSIONS = 1000;

  @Param({"vertx", "websocket"})
  public String transport;

  private SimProcess sim;

  /** The figure, reported beside the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Footprint {
    public double bytesPerSession;
  }

  @Setup(Level.Trial)
  public void startSimulator() throws Exception {
    sim = new SimProcess();
  }

  @Benchmark
  public void openIdleSessions(Footprint footprint) throws Exception {
    try (Transport client = Transports.create(transport, sim.baseUrl())) {
      List<TransportSession> sessions = new ArrayList<>();
      sessions.add(client.open().toCompletableFuture().get(30, TimeUnit.SECONDS));
      Transports.turn(sessions.get(0)).get(30, TimeUnit.SECONDS);
      long before = heapAfterGc();
      List<CompletableFuture<TransportSession>> opening = new ArrayList<>();
      for (int i = 0; i < SESSIONS; i++) {
        opening.add(client.open().toCompletableFuture());
      }
      for (CompletableFuture<TransportSession> session : opening) {
        sessions.add(session.get(60, TimeUnit.SECONDS));
      }
      long after = heapAfterGc();
      footprint.bytesPerSession = (after - before) / (double) SESSIONS;
      sessions.forEach(TransportSession::close);
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  @TearDown(Level.Trial)
  public void stopSimulator() throws Exception {
    sim.close();
  }
}
