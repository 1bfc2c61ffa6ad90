package io.agentchannel.agent;

import io.agentchannel.wire.model.Item;
import java.util.List;

/**
 * The model was still calling tools when the run reached its step limit ({@link
 * Agent.Builder#maxSteps(int)}). The transcript so far is kept, for inspection or to continue.
 */
public final class StepLimitExceededException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Item> transcript;
  private final int steps;

  public StepLimitExceededException(int steps, List<Item> transcript) {
    super("the model was still calling tools after " + steps + " steps (the agent's step limit)");
    this.steps = steps;
    this.transcript = List.copyOf(transcript);
  }

  /** The step limit that was reached. */
  public int steps() {
    return steps;
  }

  /** Every item of the run up to the limit. */
  public List<Item> transcript() {
    return transcript;
  }
}
