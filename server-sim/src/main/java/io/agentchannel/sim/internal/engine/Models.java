package io.agentchannel.sim.internal.engine;

import io.agentchannel.sim.internal.refusal.SimError;

/**
 * Picks the simulated model a request names: {@code echo}, {@code tool-loop}, {@code
 * script:<name>}; any other name gets the server's default model, so clients can send the model
 * names they use against the service. Thread-safe.
 */
public final class Models {

  public static final String ECHO = "echo";
  public static final String TOOL_LOOP = "tool-loop";
  public static final String SCRIPT_PREFIX = "script:";

  private final SimModel echo = new EchoModel();
  private final SimModel toolLoop = new ToolLoopModel();
  private final ScriptModels scripts;
  private final String defaultModel;

  public Models(String defaultModel, ScriptModels scripts) {
    this.defaultModel = defaultModel;
    this.scripts = scripts;
  }

  /**
   * @throws SimError for a {@code script:} model, a 400 naming the model when its scenario name is
   *     invalid or unknown, a 500 when its scenario file is broken (see {@link ScriptModels})
   */
  public SimModel select(String model) {
    if (model.startsWith(SCRIPT_PREFIX)) {
      return scripts.model(model.substring(SCRIPT_PREFIX.length()));
    }
    if (model.equals(ECHO)) {
      return echo;
    }
    if (model.equals(TOOL_LOOP)) {
      return toolLoop;
    }
    return model.equals(defaultModel) ? echo : select(defaultModel);
  }
}
