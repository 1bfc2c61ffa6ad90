package io.agentchannel.sim.bench;

import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * WebSocket-mode turns per second at {@value #CONNECTIONS} connections, the simulator with the
 * {@code instant} cost profile against {@link RawFrameServer}, a raw Vert.x server that answers
 * with the same frames pre-serialized. Run with {@code ./mvnw -B -pl server-sim -am -Pjmh
 * -Djmh.api.skip -DskipTests verify} (options through {@code -Djmh.args="SimThroughputBenchmark
 * ..."}); see {@code server-sim/BENCHMARKS.md}.
 *
 * <p><b>Load.</b> {@value #CONNECTIONS} WebSocket connections on a client {@link Vertx} of its own
 * (two event loops). Each connection runs turns back to back: it sends a {@code response.create},
 * counts the frames until {@code response.completed}, and sends the next. A turn is either one
 * function call ({@code tool-loop} with one function tool and {@code [sim tool_calls=1]}, {@code
 * store:false} and no {@code previous_response_id}, so every turn is a fresh conversation whose
 * only output is the call) or a 50-token answer ({@code echo} with {@code [sim answer_tokens=50]}).
 * The raw server's frames are captured once, at setup, from a simulator answering the same request,
 * and every turn on either target must bring that many frames (give or take one: a function call's
 * arguments carry a seeded nonce whose length, and so whose number of deltas, varies).
 *
 * <p><b>Servers.</b> The simulator: {@link SimServer} with {@link CostProfile#instant()}, {@link
 * WebSocketMode#V2}, no API keys, its default event loops. The baseline: {@link RawFrameServer} on
 * as many event loops, which notices a message arrived and writes the captured frames. Client and
 * server share the machine, so the score is what the pair achieves; the ratio of the two targets is
 * the figure to read.
 *
 * <p><b>Measurement.</b> The connections run on their own from setup to tear-down; JMH only samples
 * them. The benchmark method waits until {@value #BATCH} more turns have completed on any
 * connection and counts as {@value #BATCH} operations ({@link OperationsPerInvocation}), so the
 * {@link Mode#Throughput} score is turns per second. Waiting for a batch, not for every turn, keeps
 * the measuring thread asleep almost all the time: it is woken once per batch, by the connection
 * that completes the batch's last turn. Turns are spread evenly over the connections because each
 * connection has exactly one turn in flight.
 *
 * <p>Not a test (no {@code Test} suffix): the annotation processor turns it into JMH classes when
 * the tests compile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 3)
@Measurement(iterations = 5, time = 3)
public class SimThroughputBenchmark {

  /** Concurrent WebSocket connections, each with one turn in flight. */
  static final int CONNECTIONS = 64;

  /** Turns one benchmark invocation waits for. */
  static final int BATCH = 256;

  private static final int CLIENT_EVENT_LOOPS = 2;
  private static final int FRAME_TOLERANCE = 1;
  private static final long TIMEOUT_SECONDS = 30;

  private static final String FUNCTION_CALL_REQUEST =
      "{\"type\":\"response.create\",\"model\":\"tool-loop\",\"store\":false,"
          + "\"input\":[{\"role\":\"user\",\"content\":\"Run the tests. [sim tool_calls=1]\"}],"
          + "\"tools\":[{\"type\":\"function\",\"name\":\"run_tests\","
          + "\"description\":\"Run the unit tests under a path.\",\"parameters\":{"
          + "\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},"
          + "\"required\":[\"path\"],\"additionalProperties\":false},\"strict\":true}]}";

  private static final String ANSWER_50_REQUEST =
      "{\"type\":\"response.create\",\"model\":\"echo\",\"store\":false,"
          + "\"input\":[{\"role\":\"user\",\"content\":\"Summarize the build log."
          + " [sim answer_tokens=50]\"}]}";

  private static final byte[] COMPLETED = ascii("{\"type\":\"response.completed\"");
  private static final byte[] ERROR = ascii("{\"type\":\"error\"");
  private static final byte[] FAILED = ascii("{\"type\":\"response.failed\"");
  private static final byte[] INCOMPLETE = ascii("{\"type\":\"response.incomplete\"");

  /** Which server answers. */
  @Param({"sim", "raw"})
  public String target;

  /** What one turn is. */
  @Param({"function_call", "answer_50"})
  public String turn;

  private final TurnCounter counter = new TurnCounter();
  private final List<TurnLoop> loops = new CopyOnWriteArrayList<>();
  private Vertx client;

  /** Held in a field: Vert.x closes a client, and its connections, once it is garbage collected. */
  private WebSocketClient sockets;

  private SimServer sim;
  private RawFrameServer raw;

  /**
   * Starts the server, captures the expected frames, opens the connections and starts the turns.
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    String request = requestOf(turn);
    client =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS).setWorkerPoolSize(1));
    sockets =
        client.createWebSocketClient(
            new WebSocketClientOptions().setMaxConnections(CONNECTIONS + 1));
    SimOptions options =
        SimOptions.builder().cost(CostProfile.instant()).webSocketMode(WebSocketMode.V2).build();
    sim = SimServer.start(options);
    List<String> frames = capture(sockets, sim.port(), request);
    if (target.equals("raw")) {
      sim.close();
      sim = null;
      raw = RawFrameServer.start(frames, options.eventLoops());
    } else if (!target.equals("sim")) {
      throw new IllegalArgumentException("unknown target: " + target);
    }
    int port = raw != null ? raw.port() : sim.port();
    int framesPerTurn = frames.size();
    // A connection lives on the event loop it was opened from, and a thread outside Vert.x always
    // gets the same one: each client event loop opens and starts its share from a verticle.
    await(
        client.deployVerticle(
            () ->
                new VerticleBase() {
                  @Override
                  public Future<?> start() {
                    List<Future<WebSocket>> connecting = new ArrayList<>();
                    for (int i = 0; i < CONNECTIONS / CLIENT_EVENT_LOOPS; i++) {
                      connecting.add(
                          sockets
                              .connect(connectOptions(port))
                              .onSuccess(
                                  ws -> {
                                    TurnLoop loop =
                                        new TurnLoop(ws, request, framesPerTurn, counter);
                                    loops.add(loop);
                                    loop.start();
                                  }));
                    }
                    return Future.all(connecting);
                  }
                },
            new DeploymentOptions().setInstances(CLIENT_EVENT_LOOPS)));
  }

  /** Waits for {@value #BATCH} more completed turns. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void turns() {
    counter.await(BATCH);
  }

  /** Stops the turns and closes the client and the server. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    try {
      loops.forEach(TurnLoop::stop);
      if (client != null) {
        await(client.close());
      }
    } finally {
      try {
        if (sim != null) {
          sim.close();
        }
      } finally {
        if (raw != null) {
          raw.close();
        }
      }
    }
  }

  static String requestOf(String turn) {
    if (turn.equals("function_call")) {
      return FUNCTION_CALL_REQUEST;
    }
    if (turn.equals("answer_50")) {
      return ANSWER_50_REQUEST;
    }
    throw new IllegalArgumentException("unknown turn: " + turn);
  }

  /** The frames the server sends for one turn of {@code request}, up to the terminal one. */
  static List<String> capture(WebSocketClient sockets, int port, String request) throws Exception {
    WebSocket ws = await(sockets.connect(connectOptions(port)));
    List<String> frames = new ArrayList<>();
    Promise<List<String>> done = Promise.promise();
    ws.textMessageHandler(
        frame -> {
          frames.add(frame);
          if (frame.startsWith("{\"type\":\"response.completed\"")) {
            done.tryComplete(List.copyOf(frames));
          } else if (frame.startsWith("{\"type\":\"error\"")
              || frame.startsWith("{\"type\":\"response.failed\"")
              || frame.startsWith("{\"type\":\"response.incomplete\"")) {
            done.tryFail(new IllegalStateException("the turn did not complete: " + frame));
          }
        });
    ws.writeTextMessage(request);
    List<String> captured = await(done.future());
    await(ws.close());
    return captured;
  }

  private static WebSocketConnectOptions connectOptions(int port) {
    return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1/responses");
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Completed turns, counted by the connections' event loops, and the measuring thread waiting for
   * a number of them. The waiter is unparked only by the turn that reaches its target, never per
   * turn.
   */
  static final class TurnCounter {

    private final AtomicLong completed = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long target = Long.MAX_VALUE;
    private volatile Thread waiter;

    void turnCompleted() {
      if (completed.incrementAndGet() == target) {
        LockSupport.unpark(waiter);
      }
    }

    void failed(Throwable cause) {
      if (failure.compareAndSet(null, cause)) {
        LockSupport.unpark(waiter);
      }
    }

    /**
     * Waits until {@code turns} more turns have completed, whichever connections they were on.
     *
     * @throws IllegalStateException when a connection failed, or no turn completed for {@value
     *     SimThroughputBenchmark#TIMEOUT_SECONDS} s
     */
    void await(int turns) {
      waiter = Thread.currentThread();
      long goal = completed.get() + turns;
      target = goal;
      long seen = -1;
      long progressAt = System.nanoTime();
      // Rechecked after publishing the target: the turn that reached it may have come just before.
      long done;
      while ((done = completed.get()) < goal) {
        Throwable cause = failure.get();
        if (cause != null) {
          throw new IllegalStateException("a connection failed: " + cause.getMessage(), cause);
        }
        if (done != seen) {
          seen = done;
          progressAt = System.nanoTime();
        } else if (System.nanoTime() - progressAt > TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS)) {
          throw new IllegalStateException("no turn completed for " + TIMEOUT_SECONDS + " s");
        }
        // The timeout only bounds how late a failure or a stall is noticed.
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(100));
      }
    }
  }

  /**
   * One connection's turns, back to back: send, count frames up to {@code response.completed}, send
   * again. Confined to the connection's event loop. Reads frames, not messages, and looks only at
   * the first bytes of each, so the client spends as little as possible of the shared CPU.
   */
  static final class TurnLoop {

    private final WebSocket ws;
    private final String request;
    private final int framesPerTurn;
    private final TurnCounter counter;
    private int frames;
    private boolean terminal;
    private volatile boolean stopped;

    TurnLoop(WebSocket ws, String request, int framesPerTurn, TurnCounter counter) {
      this.ws = ws;
      this.request = request;
      this.framesPerTurn = framesPerTurn;
      this.counter = counter;
    }

    void start() {
      ws.frameHandler(this::onFrame);
      ws.exceptionHandler(counter::failed);
      ws.closeHandler(
          v -> {
            if (!stopped) {
              counter.failed(new IllegalStateException("closed by the server"));
            }
          });
      ws.writeTextMessage(request);
    }

    void stop() {
      stopped = true;
    }

    private void onFrame(WebSocketFrame frame) {
      if (frame.isText()) {
        frames++;
        Buffer data = frame.binaryData();
        if (startsWith(data, COMPLETED)) {
          terminal = true;
        } else if (startsWith(data, ERROR)
            || startsWith(data, FAILED)
            || startsWith(data, INCOMPLETE)) {
          counter.failed(new IllegalStateException(data.toString(StandardCharsets.UTF_8)));
          return;
        }
      } else if (!frame.isContinuation()) {
        return;
      }
      if (!frame.isFinal() || !terminal) {
        return;
      }
      terminal = false;
      // A function call's arguments carry a seeded nonce of varying length, so the number of
      // argument deltas, and of frames, may differ from the captured turn's by one.
      if (Math.abs(frames - framesPerTurn) > FRAME_TOLERANCE) {
        counter.failed(
            new IllegalStateException(
                "a turn brought " + frames + " frames, expected " + framesPerTurn));
        return;
      }
      frames = 0;
      counter.turnCompleted();
      if (!stopped) {
        ws.writeTextMessage(request);
      }
    }

    private static boolean startsWith(Buffer data, byte[] prefix) {
      if (data.length() < prefix.length) {
        return false;
      }
      // Backwards: every frame starts with {"type":"response. so the tail tells them apart.
      for (int i = prefix.length - 1; i >= 0; i--) {
        if (data.getByte(i) != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }
}
