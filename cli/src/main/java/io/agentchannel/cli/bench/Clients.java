package io.agentchannel.cli.bench;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.spi.BufferedResponseStream;
import io.agentchannel.spi.Transport;
import io.agentchannel.spi.TransportProvider;
import io.agentchannel.spi.TransportSession;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.MessageItem;
import io.agentchannel.wire.model.ServerEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The throughput suite's clients: {@code sessions} independent sessions that each run one turn
 * after another until told to stop. Implementations call the {@link TurnRecorder} once per turn.
 */
interface Clients extends AutoCloseable {

  /** Starts every session's loop. */
  void start(TurnRecorder recorder);

  /** Stops starting turns and waits for the ones in flight. */
  void stopAndAwait() throws InterruptedException;

  @Override
  void close();

  /** Receives each finished turn; thread-safe. */
  interface TurnRecorder {
    void turn(int session, long nanos, int deltas, boolean failed);
  }

  static String prompt(int answerTokens) {
    return "[sim answer_tokens=" + answerTokens + "] how are the tests?";
  }

  /**
   * Sessions of a transport, driven through its SPI with the api's own response stream (what {@code
   * AgentChannel.create} hands out), one connection or HTTP client session each.
   */
  final class OverTransport implements Clients {
    private final Transport transport;
    private final List<TransportSession> sessions = new ArrayList<>();
    private final CreateRequest turn;
    private final java.util.concurrent.Phaser inFlight = new java.util.concurrent.Phaser(1);
    private volatile boolean stopping;

    OverTransport(
        TransportProvider provider, URI baseUrl, String apiKey, int sessions, int answerTokens)
        throws Exception {
      AgentChannelOptions options =
          AgentChannelOptions.builder()
              .systemProperties(new Properties())
              .environment(Map.of())
              .transport(provider.id())
              .baseUrl(baseUrl)
              .apiKey(apiKey)
              .build();
      this.transport = provider.create(options);
      this.turn =
          CreateRequest.builder()
              .model("echo")
              .store(false)
              .input(List.of(MessageItem.user(prompt(answerTokens))))
              .build();
      try {
        for (int i = 0; i < sessions; i++) {
          this.sessions.add(transport.open().toCompletableFuture().get(30, TimeUnit.SECONDS));
        }
      } catch (Exception e) {
        close();
        throw e;
      }
    }

    @Override
    public void start(TurnRecorder recorder) {
      for (int i = 0; i < sessions.size(); i++) {
        next(i, recorder);
      }
    }

    private void next(int index, TurnRecorder recorder) {
      if (stopping) {
        return;
      }
      inFlight.register();
      BufferedResponseStream stream = new BufferedResponseStream(256);
      long start = System.nanoTime();
      stream.subscribe(
          new Flow.Subscriber<ServerEvent>() {
            int deltas;

            @Override
            public void onSubscribe(Flow.Subscription s) {
              s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ServerEvent event) {
              if (event instanceof ServerEvent.OutputTextDelta) {
                deltas++;
              }
            }

            @Override
            public void onError(Throwable error) {
              finish(false);
            }

            @Override
            public void onComplete() {
              finish(true);
            }

            private void finish(boolean ok) {
              recorder.turn(index, System.nanoTime() - start, deltas, !ok);
              inFlight.arriveAndDeregister();
              if (ok) {
                next(index, recorder);
              }
            }
          });
      sessions.get(index).send(turn, stream);
    }

    @Override
    public void stopAndAwait() throws InterruptedException {
      stopping = true;
      try {
        inFlight.awaitAdvanceInterruptibly(inFlight.arrive(), 30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("turns still in flight 30 s after the measurement", e);
      }
    }

    @Override
    public void close() {
      sessions.forEach(TransportSession::close);
      transport.close();
    }
  }
}
