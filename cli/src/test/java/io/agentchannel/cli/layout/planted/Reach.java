package io.agentchannel.cli.layout.planted;

/** A planted reach into a package its module does not export: the export rule must reject it. */
public final class Reach {
  public static Class<?> internal() {
    return io.agentchannel.wire.internal.WireJson.class;
  }
}
