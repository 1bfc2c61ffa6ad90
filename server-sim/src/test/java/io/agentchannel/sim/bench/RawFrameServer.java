package io.agentchannel.sim.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The baseline of the throughput benchmark: a plain Vert.x WebSocket server that answers every text
 * message with the same fixed list of pre-serialized frames, doing nothing else: no parsing, no
 * model, no ids, no serialization, no bookkeeping.
 *
 * <p>It reads and writes through the same Vert.x calls as the simulator ({@code
 * textMessageHandler}, {@code writeTextMessage} per event), on as many event loops and with the
 * same socket options, so the difference between the two is the simulator's own work per turn.
 */
public final class RawFrameServer implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final int port;

  private RawFrameServer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  /**
   * Starts a server on {@code 127.0.0.1} and an ephemeral port that answers each text message with
   * {@code frames}, in order.
   *
   * @param eventLoops how many event loops serve connections, as {@code SimOptions.eventLoops}
   */
  public static RawFrameServer start(List<String> frames, int eventLoops) throws Exception {
    List<String> answer = List.copyOf(frames);
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
    try {
      List<FrameVerticle> instances = new CopyOnWriteArrayList<>();
      vertx
          .deployVerticle(
              () -> {
                FrameVerticle instance = new FrameVerticle(answer);
                instances.add(instance);
                return instance;
              },
              new DeploymentOptions().setInstances(eventLoops))
          .toCompletionStage()
          .toCompletableFuture()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new RawFrameServer(vertx, instances.get(0).server.actualPort());
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
  }

  /** The port it listens on, on {@code 127.0.0.1}. */
  public int port() {
    return port;
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** One event loop's server; all instances share the port, as the simulator's do. */
  private static final class FrameVerticle extends VerticleBase {

    private final List<String> frames;
    private HttpServer server;

    FrameVerticle(List<String> frames) {
      this.frames = frames;
    }

    @Override
    public Future<?> start() {
      server =
          vertx
              .createHttpServer(
                  new HttpServerOptions()
                      .setHost("127.0.0.1")
                      // Negative: one random port shared by all instances, as the simulator's.
                      .setPort(-1)
                      .setTcpNoDelay(true)
                      .setMaxWebSocketFrameSize(16 * 1024 * 1024)
                      .setMaxWebSocketMessageSize(32 * 1024 * 1024))
              .webSocketHandler(
                  ws ->
                      ws.textMessageHandler(
                          request -> {
                            for (String frame : frames) {
                              ws.writeTextMessage(frame);
                            }
                          }));
      return server.listen();
    }
  }
}
