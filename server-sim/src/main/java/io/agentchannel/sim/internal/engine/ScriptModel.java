package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;
import java.util.List;
import java.util.Objects;

/**
 * The {@code script:<name>} model: replays a {@link Scenario} turn by turn. The turn a request
 * plays is {@link TurnInput#priorResponses()}, the number of responses already in its chain, so the
 * model keeps no state: any number of conversations replay the same scenario at once, each from its
 * own chain, and one instance serves every thread. The input's content is never looked at.
 */
public final class ScriptModel implements SimModel {

  private final Scenario scenario;

  public ScriptModel(Scenario scenario) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
  }

  /** The scenario this model replays. */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * The turn's plan.
   *
   * @throws SimError the turn's error when it refuses the request; a 400 on {@code
   *     previous_response_id} when the chain already holds every turn of the scenario
   */
  @Override
  public Plan plan(TurnInput input) {
    List<Scenario.Turn> turns = scenario.turns();
    int index = input.priorResponses();
    if (index >= turns.size()) {
      throw SimError.invalidRequest(
          "invalid_value",
          "Scenario '"
              + scenario.name()
              + "' has "
              + turns.size()
              + (turns.size() == 1 ? " turn" : " turns")
              + "; this request would be turn "
              + (index + 1)
              + ". Start a new conversation, without previous_response_id, to replay it.",
          "previous_response_id");
    }
    Scenario.Turn turn = turns.get(index);
    if (turn instanceof Scenario.Refusal refusal) {
      throw refusal.toError();
    }
    return ((Scenario.Reply) turn).plan();
  }
}
