package io.agentchannel.agent;

import io.agentchannel.AgentChannel;
import io.agentchannel.conversation.Conversation;
import io.agentchannel.conversation.ConversationOptions;
import io.agentchannel.conversation.TurnRecord;
import io.agentchannel.conversation.TurnResult;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.ServerEvent;
import io.agentchannel.wire.model.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of an agent: the loop of turns and tool calls over one conversation. */
final class AgentRun {

  private static final Logger LOG = LoggerFactory.getLogger(AgentRun.class);

  /** The shared default executor of blocking tools: daemon threads that end when idle. */
  private static final ExecutorService DEFAULT_TOOL_EXECUTOR = newToolExecutor();

  /** What the agent was built with. */
  public record Settings(
      AgentChannel channel,
      String model,
      String instructions,
      List<ToolDefinition> tools,
      int maxSteps,
      Duration toolTimeout,
      boolean parallelToolCalls,
      Boolean store,
      AgentListener listener,
      ConversationOptions conversationOptions,
      Executor toolExecutor) {}

  private final Settings settings;
  private final List<Item> input;
  private final Map<String, ToolDefinition> toolsByName = new LinkedHashMap<>();
  private final Executor toolExecutor;
  private final CompletableFuture<AgentResult> result = new CompletableFuture<>();
  private final List<TurnRecord> records = new ArrayList<>();
  private final AtomicInteger toolCalls = new AtomicInteger();
  private Conversation conversation;
  private CreateRequest template;

  public AgentRun(Settings settings, List<Item> input) {
    this.settings = settings;
    this.input = input;
    settings.tools().forEach(tool -> toolsByName.put(tool.name(), tool));
    this.toolExecutor =
        settings.toolExecutor() == null ? DEFAULT_TOOL_EXECUTOR : settings.toolExecutor();
  }

  /** Starts the run; the future completes with its result or the error that ended it. */
  public CompletableFuture<AgentResult> start() {
    List<Tool> tools = new ArrayList<>();
    settings.tools().forEach(tool -> tools.add(tool.toFunctionTool()));
    template =
        CreateRequest.builder()
            .model(settings.model())
            .instructions(settings.instructions())
            .tools(tools.isEmpty() ? null : tools)
            .parallelToolCalls(tools.isEmpty() ? null : settings.parallelToolCalls())
            .store(settings.store())
            .build();
    conversation = Conversation.open(settings.channel(), settings.conversationOptions());
    step(input, 1);
    return result.whenComplete((ignored, error) -> conversation.close());
  }

  private void step(List<Item> newItems, int step) {
    CompletableFuture<TurnResult> turn;
    try {
      turn = conversation.send(template.toBuilder().input(newItems).build(), this::onEvent);
    } catch (RuntimeException failed) {
      result.completeExceptionally(failed);
      return;
    }
    turn.whenComplete(
        (done, error) -> {
          if (error != null) {
            result.completeExceptionally(unwrap(error));
            return;
          }
          List<FunctionCallItem> calls = done.response().functionCalls();
          if (calls.isEmpty()) {
            finishTurn(done.record(), Duration.ZERO);
            result.complete(
                new AgentResult(
                    done.response().outputText(),
                    done.response(),
                    conversation.transcript(),
                    snapshotRecords(),
                    toolCalls.get()));
            return;
          }
          long toolsStart = System.nanoTime();
          runTools(calls)
              .whenComplete(
                  (outputs, toolError) -> {
                    finishTurn(done.record(), Duration.ofNanos(System.nanoTime() - toolsStart));
                    if (toolError != null) {
                      result.completeExceptionally(unwrap(toolError));
                    } else if (step >= settings.maxSteps()) {
                      List<Item> transcript = new ArrayList<>(conversation.transcript());
                      transcript.addAll(outputs);
                      result.completeExceptionally(
                          new StepLimitExceededException(settings.maxSteps(), transcript));
                    } else {
                      step(outputs, step + 1);
                    }
                  });
        });
  }

  private void finishTurn(TurnRecord record, Duration tools) {
    TurnRecord withTools = record.withTimings(record.timings().withTools(tools));
    synchronized (records) {
      records.add(withTools);
    }
    safely(() -> settings.listener().onTurn(withTools));
  }

  private List<TurnRecord> snapshotRecords() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  /** Every call's output, in the order of the calls; each call_id through the ledger. */
  private CompletableFuture<List<Item>> runTools(List<FunctionCallItem> calls) {
    List<CompletableFuture<String>> outputs = new ArrayList<>();
    CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
    for (FunctionCallItem item : calls) {
      ToolCall call = new ToolCall(item.callId(), item.name(), item.arguments());
      CompletableFuture<String> output;
      if (settings.parallelToolCalls()) {
        output = once(call);
      } else {
        output = previous.thenCompose(ignored -> once(call));
      }
      previous = output;
      outputs.add(output);
    }
    return CompletableFuture.allOf(outputs.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<Item> items = new ArrayList<>();
              for (int i = 0; i < calls.size(); i++) {
                items.add(FunctionCallOutputItem.of(calls.get(i).callId(), outputs.get(i).join()));
              }
              return items;
            });
  }

  private CompletableFuture<String> once(ToolCall call) {
    return conversation.executeOnce(call.callId(), () -> execute(call)).toCompletableFuture();
  }

  /** Runs one call; never fails: a failure becomes the output that describes it. */
  private CompletableFuture<String> execute(ToolCall call) {
    ToolDefinition tool = toolsByName.get(call.name());
    if (tool == null) {
      return CompletableFuture.completedFuture(
          "error: there is no tool named '"
              + call.name()
              + "'; the tools are "
              + toolsByName.keySet());
    }
    toolCalls.incrementAndGet();
    safely(() -> settings.listener().onToolStart(call));
    long start = System.nanoTime();
    CompletableFuture<String> running;
    try {
      if (tool.handler() instanceof ToolHandler.Blocking blocking) {
        running =
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return blocking.call(call);
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                },
                toolExecutor);
      } else {
        running = ((ToolHandler.Async) tool.handler()).call(call).toCompletableFuture();
      }
    } catch (RuntimeException thrown) {
      running = CompletableFuture.failedFuture(thrown);
    }
    return running
        .orTimeout(settings.toolTimeout().toNanos(), TimeUnit.NANOSECONDS)
        .handle(
            (output, error) -> {
              Throwable failure = error == null ? null : unwrap(error);
              String text =
                  failure == null ? (output == null ? "" : output) : describe(call, failure);
              Duration took = Duration.ofNanos(System.nanoTime() - start);
              safely(() -> settings.listener().onToolEnd(call, text, failure, took));
              return text;
            });
  }

  private String describe(ToolCall call, Throwable failure) {
    if (failure instanceof TimeoutException) {
      return "error: tool '"
          + call.name()
          + "' did not answer within "
          + settings.toolTimeout()
          + "; it was given up";
    }
    return "error: tool '"
        + call.name()
        + "' failed: "
        + failure.getClass().getSimpleName()
        + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  private void onEvent(ServerEvent event) {
    if (event instanceof ServerEvent.OutputTextDelta delta) {
      safely(() -> settings.listener().onTextDelta(delta.delta()));
    }
  }

  private static void safely(Runnable listenerCall) {
    try {
      listenerCall.run();
    } catch (RuntimeException listenerBug) {
      LOG.warn("an agent listener threw; ignored", listenerBug);
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static ExecutorService newToolExecutor() {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            5,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "agentchannel-tool-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    return executor;
  }
}
