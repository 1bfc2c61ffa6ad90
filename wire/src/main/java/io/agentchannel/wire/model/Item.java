package io.agentchannel.wire.model;

/**
 * A conversation item, as sent in a request's {@code input} and returned in a response's {@code
 * output}. The same types serve both directions because a client that sends full context replays
 * returned output items as input.
 *
 * <p>Items the model does not type (web search calls, item references, ...) arrive as {@link
 * UnknownItem} with their JSON intact, and are written back unchanged.
 */
public sealed interface Item
    permits MessageItem, FunctionCallItem, FunctionCallOutputItem, ReasoningItem, UnknownItem {

  /** The wire {@code type}. */
  String type();

  /** The item id ({@code msg_…}, {@code fc_…}, {@code rs_…}), or {@code null} when absent. */
  String id();
}
