package io.agentchannel.cli.internal;

import io.agentchannel.AgentChannel;
import io.agentchannel.ResponseStream;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * The plain tool loop over {@link AgentChannel#create}: one response per turn, every function call
 * answered in order, the next turn continuing with {@code previous_response_id}. Blocks the calling
 * thread for the whole rollout. Stateless and thread-safe.
 */
public final class ChannelRolloutDriver implements RolloutDriver {

  @Override
  public Result run(
      AgentChannel channel,
      CreateRequest first,
      Tools tools,
      int maxTurns,
      Consumer<ServerEvent> events) {
    List<FunctionCallOutputItem> sent = new ArrayList<>();
    CreateRequest request = first;
    for (int turn = 1; ; turn++) {
      Response response = await(channel.create(request), events);
      List<FunctionCallItem> calls = response.functionCalls();
      if (calls.isEmpty()) {
        return new Result(response, turn, List.copyOf(sent));
      }
      if (turn >= maxTurns) {
        throw new IllegalStateException("the model still calls tools after " + maxTurns + " turns");
      }
      List<Item> outputs = new ArrayList<>(calls.size());
      for (FunctionCallItem call : calls) {
        FunctionCallOutputItem output = FunctionCallOutputItem.of(call.callId(), tools.call(call));
        outputs.add(output);
        sent.add(output);
      }
      request = first.toBuilder().previousResponseId(response.id()).input(outputs).build();
    }
  }

  private static Response await(ResponseStream stream, Consumer<ServerEvent> events) {
    try {
      if (events == null) {
        return stream.drain().join();
      }
      stream.subscribe(new Forwarder(events));
      return stream.completion().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof AgentChannelException failure) {
        throw failure;
      }
      throw e;
    }
  }

  /** Unbounded demand; every event to the consumer. */
  private record Forwarder(Consumer<ServerEvent> events) implements Flow.Subscriber<ServerEvent> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ServerEvent item) {
      events.accept(item);
    }

    @Override
    public void onError(Throwable throwable) {
      // completion() carries the failure to the driver.
    }

    @Override
    public void onComplete() {}
  }
}
