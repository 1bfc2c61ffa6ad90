package io.agentchannel.transport.http.internal;

import io.agentchannel.error.ProtocolViolationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An incremental Server-Sent Events parser that works on bytes: chunks may split lines, CRLF pairs
 * and UTF-8 sequences anywhere, and nothing is decoded until a whole event's data is there.
 *
 * <p>Lines end with LF, CR or CRLF. {@code event:} names the event, {@code data:} lines are joined
 * with LF, lines starting with {@code :} are comments, {@code id:} and {@code retry:} are accepted
 * and ignored (the Responses API uses neither), a blank line dispatches the event. A last event
 * without its blank line is dispatched at {@link #finish()}. A {@code data: [DONE]} sentinel is
 * skipped. Any other line (a field the protocol does not have, such as a bare JSON object) means
 * the body is not an event stream and is a {@link ProtocolViolationException} naming the line.
 *
 * <p><b>Bounds.</b> One event (its lines, data and the line being read) may take at most {@code
 * maxEventBytes}; past that the parser throws {@link ProtocolViolationException} instead of
 * growing, so a server that never sends a line end cannot exhaust memory. Besides the current
 * event, the parser holds the bytes of chunks it was given but has not parsed yet because the
 * listener asked it to pause.
 *
 * <p><b>Pausing.</b> {@link Listener#onEvent} returns whether parsing may go on; when it returns
 * {@code false} the parser stops right after that event and keeps the rest of its input until
 * {@link #parse()} is called again. The caller therefore controls exactly how many events are
 * handed out ahead of demand: none beyond the one that filled the consumer.
 *
 * <p>Not thread-safe: one exchange drives it, under its own lock.
 */
final class SseParser {

  /** Receives each complete event. */
  interface Listener {
    /**
     * @param eventName the {@code event:} field, or {@code null} when there was none
     * @param data the event's data (lines joined by LF), UTF-8; valid only during the call
     * @return whether parsing may continue
     */
    boolean onEvent(String eventName, byte[] data, int offset, int length);
  }

  private static final byte LF = '\n';
  private static final byte CR = '\r';

  /** Buffers grown past this by a big event are given back once that event is done. */
  private static final int RETAINED_BYTES = 64 * 1024;

  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

  private final int maxEventBytes;
  private final Listener listener;

  // Unparsed input is input[start, end); the scan for a line end resumes at scanFrom.
  private byte[] input = new byte[8192];
  private int start;
  private int end;
  private int scanFrom;
  private boolean
      skipLeadingLf; // the previous chunk ended with CR: an LF right after belongs to it

  // The event being assembled.
  private byte[] data = new byte[1024];
  private int dataLength;
  private boolean hasData;
  private String eventName;
  private byte[] lastNameBytes;
  private String lastName;
  private int eventBytes; // every line of this event so far, for the size bound

  SseParser(int maxEventBytes, Listener listener) {
    if (maxEventBytes < 1) {
      throw new IllegalArgumentException("maxEventBytes must be >= 1: " + maxEventBytes);
    }
    this.maxEventBytes = maxEventBytes;
    this.listener = listener;
  }

  /** Adds a chunk to the unparsed input without parsing it; the buffer is fully consumed. */
  void append(ByteBuffer chunk) {
    int n = chunk.remaining();
    if (n == 0) {
      return;
    }
    if (end + n > input.length) {
      makeRoom(n);
    }
    chunk.get(input, end, n);
    end += n;
  }

  /** Bytes received but not parsed yet (held while paused, or the start of an unfinished line). */
  int unparsedBytes() {
    return end - start;
  }

  /**
   * Parses the input held so far.
   *
   * @return {@code true} if it was all parsed; {@code false} if the listener asked to pause (the
   *     rest is kept for the next call)
   * @throws ProtocolViolationException for a line that is not SSE, or an event over the bound
   */
  boolean parse() {
    while (true) {
      if (skipLeadingLf && start < end) {
        skipLeadingLf = false;
        if (input[start] == LF) {
          start++;
          scanFrom = Math.max(scanFrom, start);
        }
      }
      int lineEnd = findLineEnd();
      if (lineEnd < 0) {
        checkPartialLine();
        if (start == end) {
          releaseInput();
        }
        return true;
      }
      int lineStart = start;
      start = lineEnd + 1;
      scanFrom = start;
      if (input[lineEnd] == CR) {
        if (start < end) {
          if (input[start] == LF) {
            start++;
            scanFrom = start;
          }
        } else {
          skipLeadingLf = true;
        }
      }
      if (!line(lineStart, lineEnd)) {
        return false;
      }
    }
  }

  /**
   * Ends the input: a last line without its line end is taken as a line, and an event without its
   * blank line is dispatched.
   *
   * @return whether the listener let parsing continue (the value of its last call, or {@code true})
   */
  boolean finish() {
    if (start < end) {
      int lineStart = start;
      int lineEnd = end;
      start = end;
      scanFrom = end;
      if (!line(lineStart, lineEnd)) {
        return false;
      }
    }
    return dispatch();
  }

  private int findLineEnd() {
    byte[] in = input;
    for (int i = scanFrom; i < end; i++) {
      byte b = in[i];
      if (b == LF || b == CR) {
        return i;
      }
    }
    scanFrom = end;
    return -1;
  }

  private void checkPartialLine() {
    if (eventBytes + (end - start) > maxEventBytes) {
      throw tooLarge();
    }
  }

  /** Handles one line {@code input[from, to)}; returns whether parsing may continue. */
  private boolean line(int from, int to) {
    int length = to - from;
    if (length == 0) {
      return dispatch();
    }
    eventBytes += length + 1;
    if (eventBytes > maxEventBytes) {
      throw tooLarge();
    }
    byte[] in = input;
    if (in[from] == ':') {
      return true; // a comment, e.g. a keep-alive
    }
    int colon = indexOf(in, from, to, (byte) ':');
    int nameEnd = colon < 0 ? to : colon;
    int valueFrom = colon < 0 ? to : colon + 1;
    if (valueFrom < to && in[valueFrom] == ' ') {
      valueFrom++;
    }
    if (is(in, from, nameEnd, "data")) {
      appendData(in, valueFrom, to - valueFrom);
    } else if (is(in, from, nameEnd, "event")) {
      eventName = name(in, valueFrom, to - valueFrom);
    } else if (!is(in, from, nameEnd, "id") && !is(in, from, nameEnd, "retry")) {
      throw new ProtocolViolationException(
          "not a Server-Sent Events line (expected event:, data:, id:, retry: or a : comment)",
          eventName,
          new String(
              in,
              from,
              Math.min(length, 4 * ProtocolViolationException.MAX_EXCERPT),
              StandardCharsets.UTF_8),
          null);
    }
    return true;
  }

  /** The event name, decoded only when it differs from the last one (a stream repeats a few). */
  private String name(byte[] in, int from, int length) {
    if (lastName != null
        && Arrays.equals(in, from, from + length, lastNameBytes, 0, lastNameBytes.length)) {
      return lastName;
    }
    lastNameBytes = Arrays.copyOfRange(in, from, from + length);
    lastName = new String(lastNameBytes, StandardCharsets.UTF_8);
    return lastName;
  }

  private void appendData(byte[] src, int from, int length) {
    int needed = dataLength + length + (hasData ? 1 : 0);
    if (needed > data.length) {
      data = Arrays.copyOf(data, Math.max(needed, Math.min(2 * data.length, maxEventBytes)));
    }
    if (hasData) {
      data[dataLength++] = LF;
    }
    System.arraycopy(src, from, data, dataLength, length);
    dataLength += length;
    hasData = true;
  }

  private boolean dispatch() {
    boolean carryOn = true;
    if (hasData && !isDone()) {
      carryOn = listener.onEvent(eventName, data, 0, dataLength);
    }
    hasData = false;
    dataLength = 0;
    if (data.length > RETAINED_BYTES) {
      data = new byte[1024]; // one big event must not pin its buffer for the rest of the stream
    }
    eventName = null;
    eventBytes = 0;
    return carryOn;
  }

  private boolean isDone() {
    return dataLength == DONE.length && Arrays.equals(data, 0, dataLength, DONE, 0, DONE.length);
  }

  private void releaseInput() {
    start = 0;
    end = 0;
    scanFrom = 0;
    if (input.length > RETAINED_BYTES) {
      input = new byte[8192];
    }
  }

  private void makeRoom(int incoming) {
    int held = end - start;
    int needed = held + incoming;
    byte[] target = needed > input.length ? new byte[Math.max(needed, 2 * input.length)] : input;
    System.arraycopy(input, start, target, 0, held);
    scanFrom -= start;
    start = 0;
    end = held;
    input = target;
  }

  private ProtocolViolationException tooLarge() {
    return new ProtocolViolationException(
        "an SSE event is larger than the limit of "
            + maxEventBytes
            + " bytes (agentchannel.http.max-event-bytes)",
        eventName,
        null,
        null);
  }

  private static int indexOf(byte[] in, int from, int to, byte b) {
    for (int i = from; i < to; i++) {
      if (in[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean is(byte[] in, int from, int to, String name) {
    if (to - from != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (in[from + i] != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
