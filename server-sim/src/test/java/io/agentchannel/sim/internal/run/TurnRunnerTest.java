package io.agentchannel.sim.internal.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.internal.Simulator;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ServerEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnRunnerTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static PreparedTurn turn(String text) {
    Simulator sim = new Simulator(SimOptions.defaults(), new SimMetrics());
    CreateRequest request =
        CreateRequest.builder().model("echo").input(List.of(MessageItem.user(text))).build();
    return sim.prepare(request, Continuation.none(), Simulator.Transport.HTTP, null, null);
  }

  /** An output that records what it is given; it can fill up, and it can fail on a write. */
  private static final class Recording implements EventOutput {
    final List<ServerEvent> written = new CopyOnWriteArrayList<>();
    int failOnWrite = -1;
    boolean full;
    Runnable drain;

    @Override
    public void write(ServerEvent event) {
      if (written.size() == failOnWrite) {
        failOnWrite = -1;
        throw new IllegalStateException("planted bug");
      }
      written.add(event);
    }

    @Override
    public void writeRaw(String payload) {}

    @Override
    public ServerEvent errorEvent(long sequence, String streamId, int status, ErrorDetail error) {
      return new ServerEvent.Error(
          new EventMeta(sequence, streamId, Map.of()),
          status,
          error,
          ServerEvent.ErrorShape.NESTED);
    }

    @Override
    public boolean writeQueueFull() {
      return full;
    }

    @Override
    public void onDrain(Runnable action) {
      drain = action;
    }

    @Override
    public void end() {}

    @Override
    public void abort() {}

    @Override
    public void close(int closeCode) {}
  }

  private CompletableFuture<TurnRunner.Result> run(PreparedTurn turn, Recording output) {
    CompletableFuture<TurnRunner.Result> result = new CompletableFuture<>();
    vertx.runOnContext(v -> new TurnRunner(vertx, turn, output, result::complete).start());
    return result;
  }

  @Test
  void aBugWhileSendingEndsTheTurnWithAServerErrorInsteadOfSilence() throws Exception {
    Recording output = new Recording();
    output.failOnWrite = 3;

    TurnRunner.Result result = run(turn("hello"), output).get(10, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnRunner.Outcome.ERROR);
    assertThat(result.errorCode()).isEqualTo("server_error");
    assertThat(output.written.get(output.written.size() - 1))
        .isInstanceOfSatisfying(
            ServerEvent.Error.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void aFullPeerHoldsTheTurnBackUntilItDrains() throws Exception {
    Recording output = new Recording();
    output.full = true;

    CompletableFuture<TurnRunner.Result> result = run(turn("hello"), output);

    Thread.sleep(200);
    assertThat(output.written).isEmpty();
    assertThat(result).isNotDone();
    output.full = false;
    vertx.runOnContext(v -> output.drain.run());
    assertThat(result.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(TurnRunner.Outcome.COMPLETED);
    assertThat(output.written.get(0).type()).isEqualTo("response.created");
  }

  @Test
  void aLongAnswerIsWrittenInBatchesAndCompletes() throws Exception {
    Recording output = new Recording();

    TurnRunner.Result result =
        run(turn("x [sim answer_tokens=1000]"), output).get(10, TimeUnit.SECONDS);

    assertThat(result.outcome()).isEqualTo(TurnRunner.Outcome.COMPLETED);
    assertThat(output.written).hasSize(1000 + 8);
  }
}
