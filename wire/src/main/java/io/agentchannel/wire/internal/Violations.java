package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.agentchannel.error.ProtocolViolationException;
import java.io.IOException;

/**
 * Turns what went wrong while reading into a {@link ProtocolViolationException}, whose message
 * names the event type (when known), the field, and a bounded excerpt of the input.
 */
final class Violations {

  private Violations() {}

  static ProtocolViolationException of(WireException e, String eventType, CharSequence input) {
    String type = e.eventType() != null ? e.eventType() : eventType;
    return new ProtocolViolationException(e.getMessage(), type, e.field(), input, null);
  }

  static ProtocolViolationException malformed(IOException e, String eventType, CharSequence input) {
    String problem;
    if (e instanceof StreamConstraintsException) {
      problem = "input exceeds the parser's limits: " + e.getMessage();
    } else if (e instanceof JsonProcessingException jpe) {
      JsonLocation at = jpe.getLocation();
      problem =
          "malformed JSON: "
              + jpe.getOriginalMessage()
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
    } else {
      problem = "malformed JSON: " + e.getMessage();
    }
    return new ProtocolViolationException(problem, eventType, input, e);
  }

  /** A model record refused what was read: a gap in the readers' checks, never an NPE out. */
  static ProtocolViolationException rejected(
      RuntimeException e, String eventType, CharSequence input) {
    return new ProtocolViolationException("invalid content: " + e, eventType, input, e);
  }
}
