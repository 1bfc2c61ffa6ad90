package io.agentchannel.transport.vertx;

import static java.time.Duration.ZERO;

import io.agentchannel.sim.data.CostProfile;
import java.time.Duration;

/** A simulator cost profile that produces a token every 2 ms, so responses take a while. */
final class SlowTokens {

  static final CostProfile PROFILE =
      new CostProfile(ZERO, ZERO, ZERO, ZERO, ZERO, Duration.ofMillis(2), 0);

  private SlowTokens() {}
}
