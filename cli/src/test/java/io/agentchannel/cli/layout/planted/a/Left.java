package io.agentchannel.cli.layout.planted.a;

import io.agentchannel.cli.layout.planted.b.Right;

/** Half of a planted package cycle: the cycle rule must reject it. */
public final class Left {
  public Right partner() {
    return new Right();
  }
}
