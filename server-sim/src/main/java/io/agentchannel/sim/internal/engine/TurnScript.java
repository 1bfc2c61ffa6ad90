package io.agentchannel.sim.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.IncompleteDetails;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import io.agentchannel.wire.model.Usage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events of one response, generated one at a time in the service's order, each with the delay
 * to pay before it: {@code response.created}, {@code response.in_progress}, then per output item
 * {@code output_item.added}, its content events and {@code output_item.done}, then the terminal
 * event with the full Response object and usage. {@code sequence_number} counts from 0 per
 * response; on a named lane every event carries the {@code stream_id}.
 *
 * <p>Events are made on demand, so a response of 100,000 deltas holds no more than its chunks. Not
 * thread-safe: one turn runner drives it.
 */
public final class TurnScript {

  /** One event and the nanoseconds to wait before writing it. */
  public record Step(ServerEvent event, long delayNanos) {}

  private final Response start;
  private final Plan plan;
  private final Ids ids;
  private final String streamId;
  private final TurnCosts costs;
  private final Clock clock;
  private final long inputTokens;
  private final long cachedTokens;

  private final List<Item> finished = new ArrayList<>();
  private final ItemEvents.Metas metas = this::meta;
  private long outputTokens;
  private long sequence;
  private int stage; // 0 created, 1 in_progress, 2 items, 3 terminal, 4 done
  private int itemIndex;
  private ItemEvents current;
  private boolean processingPaid;
  private boolean firstTokenPaid;
  private Response finalResponse;

  public TurnScript(
      Response start,
      Plan plan,
      Ids ids,
      String streamId,
      TurnCosts costs,
      Clock clock,
      long inputTokens,
      long cachedTokens) {
    this.start = start;
    this.plan = plan;
    this.ids = ids;
    this.streamId = streamId;
    this.costs = costs;
    this.clock = clock;
    this.inputTokens = inputTokens;
    this.cachedTokens = cachedTokens;
  }

  public String responseId() {
    return start.id();
  }

  /** The response as it stands at the start, as {@code response.created} shows it. */
  public Response startResponse() {
    return start;
  }

  /** The final response, once the terminal event has been made; {@code null} before. */
  public Response finalResponse() {
    return finalResponse;
  }

  /** The next event, or {@code null} after the terminal one. */
  public Step next() {
    switch (stage) {
      case 0:
        stage = 1;
        return new Step(
            new ServerEvent.ResponseCreated(meta(), start), costs.jittered(costs.beforeCreated()));
      case 1:
        stage = 2;
        return new Step(new ServerEvent.ResponseInProgress(meta(), start), 0);
      case 2:
        Step step = nextItemEvent();
        if (step != null) {
          return step;
        }
        stage = 3;
        return terminal();
      default:
        return null;
    }
  }

  /** The terminal event right away, cutting the output short: a fault ends the response. */
  public Step failNow(ErrorDetail error) {
    stage = 4;
    finalResponse = finish(Response.STATUS_FAILED, error, null);
    return new Step(new ServerEvent.ResponseFailed(meta(), finalResponse), 0);
  }

  /** The sequence number the next event gets. */
  public long nextSequence() {
    return sequence;
  }

  private Step nextItemEvent() {
    while (true) {
      if (current == null) {
        if (itemIndex >= plan.items().size()) {
          return null;
        }
        current = ItemEvents.of(plan.items().get(itemIndex), itemIndex, ids);
      }
      ItemEvents.Produced produced = current.next(metas);
      if (produced != null) {
        long delay = 0;
        if (!processingPaid) {
          processingPaid = true;
          delay += costs.jittered(costs.processing()) + costs.jittered(costs.timeToFirstToken());
        }
        if (produced.token()) {
          if (firstTokenPaid) {
            delay += costs.jittered(costs.interTokenGap());
          }
          firstTokenPaid = true;
        }
        return new Step(produced.event(), delay);
      }
      finished.add(current.finalItem());
      outputTokens += current.tokens();
      current = null;
      itemIndex++;
    }
  }

  private Step terminal() {
    long delay = 0;
    if (!processingPaid) {
      processingPaid = true;
      delay = costs.jittered(costs.processing());
    }
    stage = 4;
    ServerEvent event;
    if (plan.failure() != null) {
      finalResponse = finish(Response.STATUS_FAILED, plan.failure(), null);
      event = new ServerEvent.ResponseFailed(meta(), finalResponse);
    } else if (plan.incompleteReason() != null) {
      finalResponse =
          finish(Response.STATUS_INCOMPLETE, null, new IncompleteDetails(plan.incompleteReason()));
      event = new ServerEvent.ResponseIncomplete(meta(), finalResponse);
    } else {
      finalResponse = finish(Response.STATUS_COMPLETED, null, null);
      event = new ServerEvent.ResponseCompleted(meta(), finalResponse);
    }
    return new Step(event, delay);
  }

  private Response finish(String status, ErrorDetail error, IncompleteDetails incomplete) {
    return start.toBuilder()
        .status(status)
        .completedAt(
            Response.STATUS_COMPLETED.equals(status) ? clock.instant().getEpochSecond() : null)
        .error(
            error == null ? null : new ErrorDetail(null, error.code(), error.message(), null, null))
        .incompleteDetails(incomplete)
        .output(List.copyOf(finished))
        .usage(Usage.of(inputTokens, cachedTokens, outputTokens, 0))
        .build();
  }

  private EventMeta meta() {
    return meta(Map.of());
  }

  private EventMeta meta(Map<String, JsonNode> extras) {
    return new EventMeta(sequence++, streamId, extras);
  }
}
