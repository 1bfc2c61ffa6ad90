package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;

/**
 * A simulated model: decides what a turn produces. Implementations are deterministic for the turn's
 * seeded randomness and stateless, so one instance serves every connection at once.
 */
public interface SimModel {

  /**
   * Plans a turn.
   *
   * @throws SimError when the service would refuse the request
   */
  Plan plan(TurnInput input);
}
