package io.agentchannel.cli.layout.planted;

import io.agentchannel.wire.internal.WireJson;

/**
 * A planted public signature that names a type of an unexported package: the signature rule must
 * reject it.
 */
public final class Leak {
  private Leak() {}

  public static WireJson codec() {
    return null;
  }
}
