package io.agentchannel.agent;

import io.agentchannel.AgentChannel;
import io.agentchannel.conversation.ConversationOptions;
import io.agentchannel.error.AgentChannelException;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * An agent: a model, instructions and tools over a channel. {@link #run(String)} sends the input,
 * runs every function call of each response with its tool's handler, sends the outputs back, and
 * repeats until the model answers without calling a tool.
 *
 * <pre>{@code
 * Agent agent = Agent.builder(channel)
 *     .model("gpt-5.5")
 *     .instructions("You answer questions about the weather.")
 *     .tool(ToolDefinition.of("weather", "The weather in a city",
 *         "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}",
 *         call -> lookUp(call.arguments())))
 *     .build();
 * AgentResult result = agent.run("Is it raining in Paris?");
 * }</pre>
 *
 * <p><b>Each run</b> is one {@link io.agentchannel.conversation.Conversation}: only new items go on
 * the wire where the transport allows it, and every turn is recorded with its mode and timings.
 * Function calls of one response run in parallel unless {@link Builder#parallelToolCalls(boolean)}
 * is false; their outputs are sent in the order of the calls. Each {@code call_id} runs exactly
 * once per run: a call the ledger has seen is answered from it, never run again. A tool that
 * throws, fails or passes {@link Builder#toolTimeout(Duration)} becomes an output describing the
 * failure. Turns are retried as the conversation options say; by default an agent re-issues a turn
 * whose outcome is unknown (a drop after the send), since that re-runs generation, never a tool.
 *
 * <p><b>Limits.</b> At most {@link Builder#maxSteps(int)} responses per run (default 32), then
 * {@link StepLimitExceededException}.
 *
 * <p><b>Threading and lifecycle.</b> Immutable and thread-safe; runs may go on concurrently, each
 * on its own conversation (the channel spreads them over lanes or connections). The agent holds no
 * resources of its own: closing the channel ends it. Blocking handlers run on the tool executor (by
 * default a shared pool of daemon threads, {@code agentchannel-tool-N}, whose idle threads end
 * after a few seconds).
 */
public final class Agent {

  private final AgentChannel channel;
  private final String model;
  private final String instructions;
  private final Map<String, ToolDefinition> tools;
  private final int maxSteps;
  private final Duration toolTimeout;
  private final boolean parallelToolCalls;
  private final Boolean store;
  private final AgentListener listener;
  private final ConversationOptions conversationOptions;
  private final Executor toolExecutor;

  private Agent(Builder builder) {
    this.channel = builder.channel;
    this.model = builder.model;
    this.instructions = builder.instructions;
    this.tools = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(builder.tools));
    this.maxSteps = builder.maxSteps;
    this.toolTimeout = builder.toolTimeout;
    this.parallelToolCalls = builder.parallelToolCalls;
    this.store = builder.store;
    this.listener = builder.listener;
    this.conversationOptions = builder.conversationOptions;
    this.toolExecutor = builder.toolExecutor;
  }

  /** Starts building an agent over {@code channel}. */
  public static Builder builder(AgentChannel channel) {
    return new Builder(channel);
  }

  /**
   * Runs the agent on one user message and waits for the final answer.
   *
   * @throws AgentChannelException the error that ended a turn after its retries
   * @throws StepLimitExceededException when the model still calls tools at the step limit
   */
  public AgentResult run(String userInput) {
    return run(List.of(MessageItem.user(Objects.requireNonNull(userInput, "userInput"))));
  }

  /** Runs the agent on these input items and waits; see {@link #run(String)}. */
  public AgentResult run(List<? extends Item> input) {
    try {
      return runAsync(input).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CompletionException("interrupted while waiting for the agent", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(cause);
    }
  }

  /**
   * Starts a run without blocking. The future completes with the result, or fails with what {@link
   * #run(String)} would throw.
   */
  public CompletableFuture<AgentResult> runAsync(List<? extends Item> input) {
    return new AgentRun(this.settings(), List.copyOf(input)).start();
  }

  /** The model the agent asks. */
  public String model() {
    return model;
  }

  /** The tools the agent offers, by name, in the order they were added. */
  public Map<String, ToolDefinition> tools() {
    return tools;
  }

  private AgentRun.Settings settings() {
    return new AgentRun.Settings(
        channel,
        model,
        instructions,
        List.copyOf(tools.values()),
        maxSteps,
        toolTimeout,
        parallelToolCalls,
        store,
        listener,
        conversationOptions,
        toolExecutor);
  }

  /** Builds an {@link Agent}; not thread-safe. */
  public static final class Builder {
    private final AgentChannel channel;
    private String model;
    private String instructions;
    private final Map<String, ToolDefinition> tools = new LinkedHashMap<>();
    private int maxSteps = 32;
    private Duration toolTimeout = Duration.ofMinutes(2);
    private boolean parallelToolCalls = true;
    private Boolean store;
    private AgentListener listener = new AgentListener() {};
    private ConversationOptions conversationOptions =
        ConversationOptions.builder().replayWhenOutcomeUnknown(true).build();
    private Executor toolExecutor;

    private Builder(AgentChannel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** The model (required). */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /** The instructions sent with every turn, or none. */
    public Builder instructions(String instructions) {
      this.instructions = instructions;
      return this;
    }

    /**
     * Adds a tool.
     *
     * @throws IllegalArgumentException if a tool of that name was added already
     */
    public Builder tool(ToolDefinition tool) {
      Objects.requireNonNull(tool, "tool");
      if (tools.putIfAbsent(tool.name(), tool) != null) {
        throw new IllegalArgumentException("a tool named '" + tool.name() + "' was added twice");
      }
      return this;
    }

    /** Adds every tool; see {@link #tool(ToolDefinition)}. */
    public Builder tools(List<ToolDefinition> tools) {
      new ArrayList<>(tools).forEach(this::tool);
      return this;
    }

    /** The most responses one run may take (default 32, at least 1). */
    public Builder maxSteps(int maxSteps) {
      if (maxSteps < 1) {
        throw new IllegalArgumentException("maxSteps must be at least 1, was " + maxSteps);
      }
      this.maxSteps = maxSteps;
      return this;
    }

    /** How long one tool call may take before its output says it timed out (default 2 min). */
    public Builder toolTimeout(Duration toolTimeout) {
      Objects.requireNonNull(toolTimeout, "toolTimeout");
      if (toolTimeout.isNegative() || toolTimeout.isZero()) {
        throw new IllegalArgumentException("toolTimeout must be positive, was " + toolTimeout);
      }
      this.toolTimeout = toolTimeout;
      return this;
    }

    /**
     * Whether the model may call several tools in one response, run in parallel (default true; sent
     * as {@code parallel_tool_calls}).
     */
    public Builder parallelToolCalls(boolean parallelToolCalls) {
      this.parallelToolCalls = parallelToolCalls;
      return this;
    }

    /** The request's {@code store}, or {@code null} (the default) to leave it to the server. */
    public Builder store(Boolean store) {
      this.store = store;
      return this;
    }

    /** Who hears of deltas, tool calls and turns (default: nobody). */
    public Builder listener(AgentListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Retries, rotation and warm-up of each run's conversation (default: the conversation defaults,
     * with {@link ConversationOptions#replayWhenOutcomeUnknown()} on).
     */
    public Builder conversationOptions(ConversationOptions options) {
      this.conversationOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Where blocking tool handlers run (default: a shared pool of daemon threads). */
    public Builder toolExecutor(Executor executor) {
      this.toolExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Builds the agent.
     *
     * @throws IllegalArgumentException if no model was set
     */
    public Agent build() {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("the agent has no model; call Builder.model");
      }
      return new Agent(this);
    }
  }
}
