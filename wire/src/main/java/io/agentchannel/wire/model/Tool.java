package io.agentchannel.wire.model;

/**
 * A tool offered to the model. Function tools are typed ({@link FunctionTool}); hosted tools (web
 * search, file search, MCP, ...) pass through as {@link OtherTool}.
 */
public sealed interface Tool permits FunctionTool, OtherTool {

  /** The wire {@code type}. */
  String type();
}
