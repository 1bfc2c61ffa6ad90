package io.agentchannel.transport.http;

import io.agentchannel.AgentChannelOptions;
import io.agentchannel.sim.SimServer;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ServerEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

/** Options and requests for channels over the HTTP transport against the embedded simulator. */
final class SimChannels {

  static final String KEY = "sk-test-http";

  private SimChannels() {}

  static AgentChannelOptions.Builder options(SimServer sim) {
    return AgentChannelOptions.builder()
        .transport(HttpTransportProvider.ID)
        .baseUrl(sim.baseUrl())
        .apiKey(KEY)
        .systemProperties(new java.util.Properties())
        .environment(Map.of());
  }

  static CreateRequest.Builder echo(String text) {
    return CreateRequest.builder().model("echo").input(text);
  }

  /** An echo request that makes the simulator inject {@code fault} ({@code sim_fault} metadata). */
  static CreateRequest faulty(String text, String fault) {
    return echo(text).metadata(Map.of("sim_fault", fault)).build();
  }

  /**
   * The error a response ended with, waiting at most {@code seconds}: a hang fails the test with a
   * timeout instead of blocking it.
   */
  static Throwable failureOf(java.util.concurrent.CompletableFuture<?> completion, int seconds) {
    try {
      Object value = completion.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (java.util.concurrent.ExecutionException failed) {
      return failed.getCause();
    } catch (java.util.concurrent.CancellationException cancelled) {
      return cancelled;
    } catch (java.util.concurrent.TimeoutException | InterruptedException hang) {
      throw new AssertionError(
          "the response neither completed nor failed in " + seconds + " s", hang);
    }
  }

  /** Records every event, with unbounded demand. */
  static final class Recorder implements Flow.Subscriber<ServerEvent> {
    final List<ServerEvent> events = new CopyOnWriteArrayList<>();
    volatile Throwable error;
    volatile boolean completed;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ServerEvent event) {
      events.add(event);
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }

    List<String> types() {
      return events.stream().map(ServerEvent::type).toList();
    }
  }
}
