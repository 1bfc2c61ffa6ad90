package io.agentchannel.sim.internal;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.internal.engine.ContextRules;
import io.agentchannel.sim.internal.engine.Continuation;
import io.agentchannel.sim.internal.engine.Directives;
import io.agentchannel.sim.internal.engine.Ids;
import io.agentchannel.sim.internal.engine.Models;
import io.agentchannel.sim.internal.engine.Plan;
import io.agentchannel.sim.internal.engine.PreparedTurn;
import io.agentchannel.sim.internal.engine.ResponseFactory;
import io.agentchannel.sim.internal.engine.ScriptModels;
import io.agentchannel.sim.internal.engine.Tokens;
import io.agentchannel.sim.internal.engine.TurnCosts;
import io.agentchannel.sim.internal.engine.TurnInput;
import io.agentchannel.sim.internal.engine.TurnScript;
import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.fault.FaultInjector;
import io.agentchannel.sim.internal.metrics.SimMetrics;
import io.agentchannel.sim.internal.refusal.Refusals;
import io.agentchannel.sim.internal.refusal.SimError;
import io.agentchannel.sim.internal.run.TurnRunner;
import io.agentchannel.sim.internal.store.ResponseStore;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The transport-independent heart of the simulator: turns a create request and its resolved
 * continuation into a {@link PreparedTurn}: validation, model choice, plan, usage and costs. Shared
 * by the HTTP and WebSocket endpoints and by every event loop; thread-safe.
 */
public final class Simulator {

  /** Responses the store keeps before it forgets the oldest. */
  static final int STORE_CAPACITY = 100_000;

  /** Which endpoint a turn arrived on; decides the fixed overhead. */
  public enum Transport {
    HTTP("http"),
    WEBSOCKET("websocket");

    private final String label;

    Transport(String label) {
      this.label = label;
    }

    /** The name used in metrics. */
    public String label() {
      return label;
    }
  }

  private final SimOptions options;
  private final SimMetrics metrics;
  private final ResponseStore store = new ResponseStore(STORE_CAPACITY);
  private final Ids ids;
  private final Models models;
  private final FaultInjector faults;
  private final AtomicLong turns = new AtomicLong();

  public Simulator(SimOptions options, SimMetrics metrics) {
    this.options = options;
    this.metrics = metrics;
    this.ids = new Ids(options.seed());
    this.models = new Models(options.defaultModel(), new ScriptModels(options.scenarioDirectory()));
    this.faults = new FaultInjector(options.faultRates(), options.seed());
  }

  public SimOptions options() {
    return options;
  }

  public SimMetrics metrics() {
    return metrics;
  }

  public ResponseStore store() {
    return store;
  }

  /**
   * The fault of a request, from its directive or the seeded rates.
   *
   * @param headerDirective the {@code x-sim-fault} header, or {@code null}
   * @throws SimError when a directive is invalid
   */
  public Fault faultOf(CreateRequest request, String headerDirective) {
    if (headerDirective != null) {
      return faults.faultOf(headerDirective, FaultInjector.HEADER);
    }
    String fromMetadata =
        request.metadata() == null ? null : request.metadata().get(FaultInjector.METADATA_KEY);
    return faults.faultOf(fromMetadata, "metadata." + FaultInjector.METADATA_KEY);
  }

  /** The fault of an upgrade request, from its header only. */
  public Fault upgradeFaultOf(String headerDirective) {
    return headerDirective == null ? null : faults.faultOf(headerDirective, FaultInjector.HEADER);
  }

  /** Counts a finished turn, and the error it ended with, in the metrics. */
  public void count(Transport transport, TurnRunner.Result result) {
    if (result.errorCode() != null) {
      metrics.error(result.errorCode());
    }
    metrics.turnFinished(
        transport.label(), result.outcome().label(), result.firstEventNanos(), result.totalNanos());
  }

  /** Checks what can be checked before the conversation is known. */
  public static void checkRequest(CreateRequest request) {
    if (request.model() == null || request.model().isEmpty()) {
      throw SimError.invalidRequest(
          "missing_required_parameter", "Missing required parameter: 'model'.", "model");
    }
  }

  /**
   * Prepares a turn.
   *
   * @param continuation the resolved {@code previous_response_id}
   * @param streamId the lane on a WebSocket connection, or {@code null}
   * @throws SimError when the service would refuse the request
   */
  public PreparedTurn prepare(
      CreateRequest request,
      Continuation continuation,
      Transport transport,
      String streamId,
      Fault fault) {
    checkRequest(request);
    List<Item> context = new ArrayList<>();
    if (continuation.isContinuation()) {
      context.addAll(continuation.parent().context());
    }
    int history = context.size();
    if (request.input() != null) {
      // Absent input is legal, e.g. a generate:false warm-up that only sends tools.
      context.addAll(request.input());
    }
    boolean warmUp = Boolean.FALSE.equals(request.generate());
    if (!warmUp) {
      ContextRules.check(context);
    }
    long turn = turns.incrementAndGet();
    SplittableRandom random = new SplittableRandom(options.seed() * 31 + turn);
    int prior = continuation.isContinuation() ? continuation.parent().chainLength() : 0;
    Plan plan;
    if (warmUp) {
      plan = Plan.completed(List.of());
    } else {
      TurnInput input =
          new TurnInput(
              request, context, prior, Directives.of(context), random, options.toolCalls());
      plan = models.select(request.model()).plan(input).limitedTo(request.maxOutputTokens());
    }
    if (fault == null && plan.fault() != null) {
      fault = Fault.parse(plan.fault(), "the scenario");
      if (fault.kind() == Fault.Kind.STATUS) {
        throw Refusals.ofStatus(fault.value(), fault.retryAfterSeconds());
      }
      if (fault.kind() == Fault.Kind.PREVIOUS_RESPONSE_NOT_FOUND
          && request.previousResponseId() != null) {
        throw SimError.previousResponseNotFound(request.previousResponseId());
      }
    }

    long fixed =
        Tokens.of(request.instructions())
            + (request.tools() == null ? 0 : Tokens.ofTools(request.tools()));
    long historyTokens = Tokens.ofItems(context.subList(0, history));
    long newTokens = Tokens.ofItems(context.subList(history, context.size()));
    long inputTokens = fixed + historyTokens + newTokens;
    TurnCosts costs = costs(transport, continuation, inputTokens, newTokens, random);

    Response start =
        ResponseFactory.inProgress(
            ids.response(), request, options.clock().instant().getEpochSecond());
    TurnScript script =
        new TurnScript(
            start,
            plan,
            ids,
            streamId,
            costs,
            options.clock(),
            inputTokens,
            continuation.isContinuation() ? historyTokens : 0);
    return new PreparedTurn(request, continuation, script, fault);
  }

  private TurnCosts costs(
      Transport transport,
      Continuation continuation,
      long inputTokens,
      long newTokens,
      SplittableRandom random) {
    CostProfile p = options.cost();
    long overhead =
        transport == Transport.HTTP
            ? p.httpRequestOverhead().toNanos()
            : p.webSocketTurnOverhead().toNanos();
    long processing;
    if (continuation.isContinuation() && continuation.fromCache()) {
      processing = p.inputTokenCost().toNanos() * newTokens;
    } else {
      long rehydration =
          continuation.isContinuation()
              ? p.rehydrationPerResponse().toNanos() * continuation.parent().chainLength()
              : 0;
      processing = rehydration + p.inputTokenCost().toNanos() * inputTokens;
    }
    return new TurnCosts(
        overhead,
        processing,
        p.timeToFirstToken().toNanos(),
        p.interTokenGap().toNanos(),
        p.jitter(),
        random);
  }
}
