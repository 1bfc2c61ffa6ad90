package io.agentchannel.wire.model;

import java.util.Objects;

/**
 * An event the server streams for a response, over SSE or as a WebSocket text frame; the payloads
 * are the same on both transports.
 *
 * <p>Every event an agent needs is typed here. Everything else (steering acknowledgements, hosted
 * tool progress, future events) arrives as {@link Unknown} with its JSON intact, so new server
 * events pass through instead of failing the stream.
 *
 * <p>A response's stream ends with exactly one terminal event ({@link #isTerminal()}): {@link
 * ResponseCompleted}, {@link ResponseIncomplete}, {@link ResponseFailed} or {@link Error}.
 */
public sealed interface ServerEvent {

  /** The wire {@code type}. */
  String type();

  /** Sequence number, lane and untyped fields. */
  EventMeta meta();

  /** Shorthand for {@code meta().sequenceNumber()}. */
  default long sequenceNumber() {
    return meta().sequenceNumber();
  }

  /** Shorthand for {@code meta().streamId()}. */
  default String streamId() {
    return meta().streamId();
  }

  /** Whether this event ends its response's stream. */
  default boolean isTerminal() {
    return false;
  }

  /** The lifecycle events, which carry the whole {@link Response} object. */
  sealed interface Lifecycle extends ServerEvent
      permits ResponseCreated,
          ResponseQueued,
          ResponseInProgress,
          ResponseCompleted,
          ResponseFailed,
          ResponseIncomplete {
    Response response();
  }

  /** {@code response.created}: the first event of every response. */
  record ResponseCreated(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.created";

    public ResponseCreated {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.queued}. */
  record ResponseQueued(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.queued";

    public ResponseQueued {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.in_progress}. */
  record ResponseInProgress(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.in_progress";

    public ResponseInProgress {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.completed}: terminal, the response and its usage. */
  record ResponseCompleted(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.completed";

    public ResponseCompleted {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /** {@code response.failed}: terminal; {@code response().error()} says why. */
  record ResponseFailed(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.failed";

    public ResponseFailed {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /** {@code response.incomplete}: terminal, not an error; {@code incomplete_details} says why. */
  record ResponseIncomplete(EventMeta meta, Response response) implements Lifecycle {
    public static final String TYPE = "response.incomplete";

    public ResponseIncomplete {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(response, "response");
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /** {@code response.output_item.added}: an item starts (message, function call, reasoning). */
  record OutputItemAdded(EventMeta meta, int outputIndex, Item item) implements ServerEvent {
    public static final String TYPE = "response.output_item.added";

    public OutputItemAdded {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(item, "item");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.output_item.done}: the item in its final form. */
  record OutputItemDone(EventMeta meta, int outputIndex, Item item) implements ServerEvent {
    public static final String TYPE = "response.output_item.done";

    public OutputItemDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(item, "item");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.content_part.added}. */
  record ContentPartAdded(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, ContentPart part)
      implements ServerEvent {
    public static final String TYPE = "response.content_part.added";

    public ContentPartAdded {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(part, "part");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.content_part.done}. */
  record ContentPartDone(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, ContentPart part)
      implements ServerEvent {
    public static final String TYPE = "response.content_part.done";

    public ContentPartDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(part, "part");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.output_text.delta}: the hot path, one per streamed chunk of text. */
  record OutputTextDelta(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String delta)
      implements ServerEvent {
    public static final String TYPE = "response.output_text.delta";

    public OutputTextDelta {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(delta, "delta");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.output_text.done}: the part's full text. */
  record OutputTextDone(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String text)
      implements ServerEvent {
    public static final String TYPE = "response.output_text.done";

    public OutputTextDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.refusal.delta}. */
  record RefusalDelta(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String delta)
      implements ServerEvent {
    public static final String TYPE = "response.refusal.delta";

    public RefusalDelta {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(delta, "delta");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.refusal.done}. */
  record RefusalDone(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String refusal)
      implements ServerEvent {
    public static final String TYPE = "response.refusal.done";

    public RefusalDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(refusal, "refusal");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.function_call_arguments.delta}: a chunk of a call's JSON arguments. */
  record FunctionCallArgumentsDelta(EventMeta meta, String itemId, int outputIndex, String delta)
      implements ServerEvent {
    public static final String TYPE = "response.function_call_arguments.delta";

    public FunctionCallArgumentsDelta {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(delta, "delta");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * {@code response.function_call_arguments.done}: the full arguments.
   *
   * @param name the tool name, or {@code null} when the server leaves it out
   */
  record FunctionCallArgumentsDone(
      EventMeta meta, String itemId, int outputIndex, String name, String arguments)
      implements ServerEvent {
    public static final String TYPE = "response.function_call_arguments.done";

    public FunctionCallArgumentsDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(arguments, "arguments");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_summary_part.added}. */
  record ReasoningSummaryPartAdded(
      EventMeta meta, String itemId, int outputIndex, int summaryIndex, ContentPart part)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_summary_part.added";

    public ReasoningSummaryPartAdded {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(part, "part");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_summary_part.done}. */
  record ReasoningSummaryPartDone(
      EventMeta meta, String itemId, int outputIndex, int summaryIndex, ContentPart part)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_summary_part.done";

    public ReasoningSummaryPartDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(part, "part");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_summary_text.delta}. */
  record ReasoningSummaryTextDelta(
      EventMeta meta, String itemId, int outputIndex, int summaryIndex, String delta)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_summary_text.delta";

    public ReasoningSummaryTextDelta {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(delta, "delta");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_summary_text.done}. */
  record ReasoningSummaryTextDone(
      EventMeta meta, String itemId, int outputIndex, int summaryIndex, String text)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_summary_text.done";

    public ReasoningSummaryTextDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_text.delta}. */
  record ReasoningTextDelta(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String delta)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_text.delta";

    public ReasoningTextDelta {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(delta, "delta");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** {@code response.reasoning_text.done}. */
  record ReasoningTextDone(
      EventMeta meta, String itemId, int outputIndex, int contentIndex, String text)
      implements ServerEvent {
    public static final String TYPE = "response.reasoning_text.done";

    public ReasoningTextDone {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * {@code error}: terminal for the request it belongs to. Two wire shapes exist and both are read:
   * the flat SSE event ({@code {"type":"error","code":…,"message":…,"param":…}}) and the nested
   * WebSocket frame ({@code {"type":"error","status":400,"error":{…}}}, where some servers write
   * {@code status_code} instead of {@code status}). {@link #shape()} records which one was read, so
   * it is written back the same way; a nested frame is always written with {@code status}.
   *
   * @param status the HTTP-like status of a nested frame, or {@code null}
   * @param error type, code, message, param and optional headers
   * @param shape which wire shape this is
   */
  record Error(EventMeta meta, Integer status, ErrorDetail error, ErrorShape shape)
      implements ServerEvent {
    public static final String TYPE = "error";

    public Error {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(shape, "shape");
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /** The two wire shapes of an {@code error} event. */
  enum ErrorShape {
    /** SSE: {@code code}, {@code message}, {@code param} at the top level. */
    FLAT,
    /** WebSocket: an {@code error} object and an HTTP-like {@code status}. */
    NESTED
  }

  /**
   * An event this model does not type, kept as the exact JSON text it arrived as.
   *
   * @param type the wire {@code type}
   * @param json the whole event as received
   */
  record Unknown(EventMeta meta, String type, String json) implements ServerEvent {
    public Unknown {
      Objects.requireNonNull(meta, "meta");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(json, "json");
    }
  }
}
