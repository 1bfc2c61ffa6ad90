package io.agentchannel.sim.internal.engine;

import io.agentchannel.wire.model.ErrorDetail;
import java.util.List;

/**
 * What a model decided a turn produces: its output items, and how the response ends.
 *
 * @param items the output items in order
 * @param failure when non-null the response ends with {@code response.failed} carrying this error
 *     after the items
 * @param incompleteReason when non-null the response ends with {@code response.incomplete} and this
 *     reason
 * @param fault a fault directive the model asks for (a scripted scenario), or {@code null}
 */
public record Plan(
    List<PlannedItem> items, ErrorDetail failure, String incompleteReason, String fault) {

  public Plan {
    items = List.copyOf(items);
  }

  public static Plan completed(List<PlannedItem> items) {
    return new Plan(items, null, null, null);
  }

  public int outputTokens() {
    int total = 0;
    for (PlannedItem item : items) {
      total += item.tokens();
    }
    return total;
  }

  /**
   * Cuts the output at {@code maxOutputTokens}, as the service does: the response then ends
   * incomplete with reason {@code max_output_tokens}.
   */
  public Plan limitedTo(Integer maxOutputTokens) {
    if (maxOutputTokens == null || outputTokens() <= maxOutputTokens || failure != null) {
      return this;
    }
    int budget = maxOutputTokens;
    List<PlannedItem> kept = new java.util.ArrayList<>();
    for (PlannedItem item : items) {
      if (budget <= 0) {
        break;
      }
      if (item.tokens() <= budget) {
        kept.add(item);
        budget -= item.tokens();
      } else if (item instanceof PlannedItem.Text t) {
        kept.add(new PlannedItem.Text(t.chunks().subList(0, budget)));
        budget = 0;
      } else {
        // A function call cut short would be unusable; the service stops before it.
        budget = 0;
      }
    }
    return new Plan(kept, null, "max_output_tokens", fault);
  }
}
