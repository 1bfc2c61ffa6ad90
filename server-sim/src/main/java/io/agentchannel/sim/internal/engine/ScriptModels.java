package io.agentchannel.sim.internal.engine;

import java.nio.file.Path;

/**
 * Finds scripted scenarios by name. Not yet able to load any: every name is refused with a clear
 * error.
 */
public final class ScriptModels {

  private final Path directory;

  public ScriptModels(Path directory) {
    this.directory = directory;
  }

  /**
   * @throws SimError a 400 naming the scenario when it cannot be found
   */
  public SimModel model(String name) {
    throw SimError.invalidRequest(
        "model_not_found",
        "The model 'script:"
            + name
            + "' does not exist: no scenario '"
            + name
            + "'"
            + (directory == null ? "" : " in " + directory)
            + ".",
        "model");
  }
}
