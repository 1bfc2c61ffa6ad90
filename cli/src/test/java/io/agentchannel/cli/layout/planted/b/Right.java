package io.agentchannel.cli.layout.planted.b;

import io.agentchannel.cli.layout.planted.a.Left;

/** The other half of the planted package cycle. */
public final class Right {
  public Left partner() {
    return new Left();
  }
}
