package io.agentchannel.wire.internal;

/**
 * A field-level protocol error on its way out of a nested reader. It carries the field path, which
 * each enclosing object or array prepends to as the exception passes ({@link #under}), so the happy
 * path never builds path strings. No stack trace: it is control flow, converted to a {@link
 * io.agentchannel.error.ProtocolViolationException} at the entry point, which keeps the real stack.
 */
final class WireException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;
  private final String eventType;

  WireException(String field, String problem) {
    this(field, problem, null);
  }

  WireException(String field, String problem, String eventType) {
    super(null, null, false, false);
    this.field = field;
    this.problem = problem;
    this.eventType = eventType;
  }

  /** A problem with the value under the current field, whose name the caller adds. */
  static WireException here(String problem) {
    return new WireException(null, problem);
  }

  static WireException missing(String field) {
    return new WireException(field, "required field is missing or null");
  }

  /** This error as seen from the enclosing object ({@code segment} = field name or {@code [i]}). */
  WireException under(String segment) {
    if (segment == null) {
      return this;
    }
    String path;
    if (field == null) {
      path = segment;
    } else if (field.startsWith("[")) {
      path = segment + field;
    } else {
      path = segment + "." + field;
    }
    return new WireException(path, problem, eventType);
  }

  /** The dotted path of the offending field, or {@code null} for the input as a whole. */
  String field() {
    return field;
  }

  /** The event or frame type the error is about, when it is not the one the caller knows. */
  String eventType() {
    return eventType;
  }

  @Override
  public String getMessage() {
    return field == null ? problem : "field '" + field + "': " + problem;
  }
}
