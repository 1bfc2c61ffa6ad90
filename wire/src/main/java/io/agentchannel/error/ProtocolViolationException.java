package io.agentchannel.error;

/**
 * What arrived on the wire is not the Responses protocol: a frame that is not JSON, an event
 * without {@code type}, a field of the wrong type, an SSE line the parser cannot place.
 *
 * <p>The message names the event type (when it could be read) and the offending field, and carries
 * a bounded excerpt of the frame ({@value #MAX_EXCERPT} characters at most), so a multi-megabyte
 * frame never ends up whole in a log line.
 */
public final class ProtocolViolationException extends AgentChannelException {

  private static final long serialVersionUID = 1L;

  /** Longest excerpt of the offending input kept in the message. */
  public static final int MAX_EXCERPT = 200;

  private final String eventType;
  private final String field;
  private final String excerpt;

  /**
   * @param problem what is wrong, naming the field where there is one
   * @param eventType the frame's {@code type}, or {@code null} when it could not be read
   * @param input the offending input (trimmed to an excerpt here), or {@code null}
   * @param cause the underlying parser error, or {@code null}
   */
  public ProtocolViolationException(
      String problem, String eventType, CharSequence input, Throwable cause) {
    this(problem, eventType, null, input, cause);
  }

  /**
   * @param problem what is wrong, naming the field where there is one
   * @param eventType the frame's {@code type}, or {@code null} when it could not be read
   * @param field the dotted path of the offending field (e.g. {@code input[1].call_id}), or {@code
   *     null} when the input as a whole is at fault
   * @param input the offending input (trimmed to an excerpt here), or {@code null}
   * @param cause the underlying parser error, or {@code null}
   */
  public ProtocolViolationException(
      String problem, String eventType, String field, CharSequence input, Throwable cause) {
    super(compose(problem, eventType, excerptOf(input)), cause);
    this.eventType = eventType;
    this.field = field;
    this.excerpt = excerptOf(input);
  }

  public ProtocolViolationException(String problem) {
    this(problem, null, null, null);
  }

  /** The {@code type} of the offending frame, or {@code null} when it could not be read. */
  public String eventType() {
    return eventType;
  }

  /**
   * The dotted path of the offending field ({@code input[1].call_id}), or {@code null} when the
   * input as a whole is at fault (not JSON, too large). A server uses it as the error's {@code
   * param}.
   */
  public String field() {
    return field;
  }

  /** At most {@value #MAX_EXCERPT} characters of the offending input, or {@code null}. */
  public String excerpt() {
    return excerpt;
  }

  static String excerptOf(CharSequence input) {
    if (input == null) {
      return null;
    }
    if (input.length() <= MAX_EXCERPT) {
      return input.toString();
    }
    return input.subSequence(0, MAX_EXCERPT) + "...(" + input.length() + " chars)";
  }

  private static String compose(String problem, String eventType, String excerpt) {
    StringBuilder message = new StringBuilder(problem);
    if (eventType != null) {
      message.append(" [event type: ").append(eventType).append(']');
    }
    if (excerpt != null) {
      message.append(" [frame: ").append(excerpt).append(']');
    }
    return message.toString();
  }
}
