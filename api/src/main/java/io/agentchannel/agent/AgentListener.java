package io.agentchannel.agent;

import io.agentchannel.conversation.TurnRecord;
import java.time.Duration;

/**
 * Progress of an {@link Agent} run, for UIs and progress displays. Every method has an empty
 * default; override what you need.
 *
 * <p>Threading: {@link #onTextDelta} runs on the transport's reader thread, the tool callbacks on
 * the thread that runs the tool, {@link #onTurn} on the thread that finished the turn. Calls for
 * parallel tools may be concurrent. Do not block: a slow listener slows the run down. An exception
 * thrown by a listener is logged and otherwise ignored.
 */
public interface AgentListener {

  /** A piece of the model's answer text, as streamed. */
  default void onTextDelta(String delta) {}

  /** A tool call is about to run (never for a call the ledger already ran). */
  default void onToolStart(ToolCall call) {}

  /**
   * A tool call ended. {@code failure} is {@code null} when the handler returned normally; else
   * what it threw (or the timeout), which {@code output} describes for the model.
   */
  default void onToolEnd(ToolCall call, String output, Throwable failure, Duration took) {}

  /** A turn completed; its record includes the time its tool calls took. */
  default void onTurn(TurnRecord turn) {}
}
