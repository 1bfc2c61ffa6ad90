package io.agentchannel.wire;

import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.internal.Documents;
import io.agentchannel.wire.internal.EventReader;
import io.agentchannel.wire.internal.EventWriter;
import io.agentchannel.wire.internal.WireJson;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import io.agentchannel.wire.model.ServerEvent;
import java.io.Writer;

/**
 * Reads and writes the Responses API wire format (see {@code io.agentchannel.wire.model}), for both
 * transports: SSE {@code data:} payloads and WebSocket text frames carry the same event JSON.
 *
 * <p><b>Reading.</b> Every read method takes one complete JSON document and either returns the
 * typed model or throws {@link ProtocolViolationException}, never a parser exception: for input
 * that is not JSON or is truncated, that is not an object, lacks or mistypes {@code type}, has a
 * field of the wrong JSON type, or lacks a field the event requires. The message names the event
 * type when it could be read, the offending field (as a path such as {@code
 * response.output[1].call_id}), and an excerpt of the input of at most {@value
 * ProtocolViolationException#MAX_EXCERPT} characters, whatever the input's size. Unknown fields
 * never fail: they are kept in the records' {@code extras} and written back. Unknown event types
 * become {@link ServerEvent.Unknown} holding the frame's text.
 *
 * <p>Events are read in a single streaming pass; {@code type} may appear anywhere in the frame.
 * Convenience forms are normalised on read and written in their canonical form: message content
 * given as a string, a message without {@code type}, a string {@code input}, and an error frame
 * with {@code status_code} instead of {@code status}. A JSON {@code null} on an optional typed
 * field is kept in {@code extras} so that it is written back.
 *
 * <p><b>Writing.</b> Writers emit compact JSON: {@code type} first, then the typed fields, then the
 * extras in their order (a typed value wins over an extra of the same name). Writers do not
 * validate beyond what the records enforce; writing to a {@link Writer} neither flushes nor closes
 * it, and an {@link java.io.IOException} from it surfaces as {@link java.io.UncheckedIOException}.
 *
 * <p><b>Limits.</b> Jackson's default stream limits apply (nesting depth, string and number
 * length); input past them is a {@link ProtocolViolationException}.
 *
 * <p>Instances are immutable and thread-safe; {@link #shared()} serves most callers.
 */
public final class WireCodec {

  private static final WireCodec SHARED = new WireCodec();

  private final WireJson json;

  /** A codec with its own parser configuration; {@link #shared()} is usually enough. */
  public WireCodec() {
    json = new WireJson();
  }

  /** The process-wide instance. */
  public static WireCodec shared() {
    return SHARED;
  }

  // ---- server events ----

  /** Reads one server event (an SSE {@code data:} payload or a WebSocket text frame). */
  public ServerEvent readEvent(String frame) {
    return EventReader.read(json, frame);
  }

  /**
   * Reads one server event from UTF-8 bytes, without decoding them to a string first (only an
   * unknown event, which keeps its text, is decoded).
   *
   * @throws IndexOutOfBoundsException if the range is outside {@code utf8}
   */
  public ServerEvent readEvent(byte[] utf8, int offset, int length) {
    return EventReader.read(json, utf8, offset, length);
  }

  /** Writes one server event as compact JSON. */
  public String writeEvent(ServerEvent event) {
    return EventWriter.write(json, event);
  }

  /** Writes one server event to {@code out}, which is neither flushed nor closed. */
  public void writeEvent(ServerEvent event, Writer out) {
    EventWriter.write(json, event, out);
  }

  // ---- create requests ----

  /** Reads the body of {@code POST /v1/responses}. */
  public CreateRequest readCreateRequest(String json) {
    return Documents.readCreateRequest(this.json, json);
  }

  /** Writes the body of {@code POST /v1/responses}. */
  public String writeCreateRequest(CreateRequest request) {
    return Documents.writeCreateRequest(json, request);
  }

  /**
   * Reads a WebSocket {@code response.create} frame. It must carry {@code
   * "type":"response.create"}; any other type is a {@link ProtocolViolationException} naming it.
   */
  public CreateRequest readCreateFrame(String frame) {
    return Documents.readCreateFrame(json, frame);
  }

  /** Writes a WebSocket {@code response.create} frame: {@code type} first, then the flat body. */
  public String writeCreateFrame(CreateRequest request) {
    return Documents.writeCreateFrame(json, request);
  }

  // ---- responses, items, errors ----

  /** Reads a Response object (a non-streaming HTTP body). */
  public Response readResponse(String json) {
    return Documents.readResponse(this.json, json);
  }

  /**
   * Writes a Response object. {@code error}, {@code incomplete_details} and {@code instructions}
   * are always written ({@code null} when null), as the API requires.
   */
  public String writeResponse(Response response) {
    return Documents.writeResponse(json, response);
  }

  /** Reads an HTTP error body, {@code {"error":{"message":…,"type":…,"param":…,"code":…}}}. */
  public ErrorDetail readErrorBody(String json) {
    return Documents.readErrorBody(this.json, json);
  }

  /** Writes an HTTP error body with all four keys, {@code null} when null. */
  public String writeErrorBody(ErrorDetail error) {
    return Documents.writeErrorBody(json, error);
  }

  /** Reads one item (input or output). */
  public Item readItem(String json) {
    return Documents.readItem(this.json, json);
  }

  /** Writes one item. */
  public String writeItem(Item item) {
    return Documents.writeItem(json, item);
  }
}
