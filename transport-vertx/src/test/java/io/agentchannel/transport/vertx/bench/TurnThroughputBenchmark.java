package io.agentchannel.transport.vertx.bench;

import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turns per second at {@value #SESSIONS} concurrent sessions, each its own connection, against the
 * simulator ({@code instant} profile, v1, in a JVM of its own), for the {@code vertx} and {@code
 * websocket} transports in the same run ({@code vertx-event-loop}: {@code vertx} with callbacks on
 * the event loop, to show what the hand-off to the delivery threads costs). A turn is a short
 * {@code echo} answer with {@code store:false}, through the api's own response stream. Each session
 * runs {@value #TURNS} turns back to back, all sessions at once; the invocation counts as {@value
 * #SESSIONS} × {@value #TURNS} operations, so the score is turns per second.
 *
 * <p>Warm-up is long (40 s) because the simulator starts cold with every trial and its JIT needs
 * about that long on two cores before turns per second settle.
 *
 * <p>Not a test (no {@code Test} suffix): run it with the {@code jmh} profile (module README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 8, time = 5)
@Measurement(iterations = 5, time = 5)
public class TurnThroughputBenchmark {

  static final int SESSIONS = 64;
  static final int TURNS = 20;

  @Param({"vertx", "vertx-event-loop", "websocket"})
  public String transport;

  private SimProcess sim;
  private Transport client;
  private final List<TransportSession> sessions = new ArrayList<>();

  @Setup
  public void start() throws Exception {
    sim = new SimProcess();
    client = Transports.create(transport, sim.baseUrl());
    for (int i = 0; i < SESSIONS; i++) {
      sessions.add(client.open().toCompletableFuture().get(30, TimeUnit.SECONDS));
    }
  }

  @Benchmark
  @OperationsPerInvocation(SESSIONS * TURNS)
  public void turns() {
    List<CompletableFuture<Response>> chains = new ArrayList<>(SESSIONS);
    for (TransportSession session : sessions) {
      CompletableFuture<Response> chain = Transports.turn(session);
      for (int i = 1; i < TURNS; i++) {
        chain = chain.thenCompose(done -> Transports.turn(session));
      }
      chains.add(chain);
    }
    CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).join();
  }

  @TearDown
  public void stop() throws Exception {
    sessions.forEach(TransportSession::close);
    sessions.clear();
    client.close();
    sim.close();
  }
}
