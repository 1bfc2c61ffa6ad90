package io.agentchannel.wire.internal;

import io.agentchannel.wire.model.ServerEvent;
import java.util.Arrays;

/**
 * The typed server events, with the fields each one uses and requires, as bit masks over the field
 * ids below. A field means the same thing in every event that carries it, which is what lets the
 * reader collect fields before it has seen {@code type}.
 */
enum EventKind {
  RESPONSE_CREATED(ServerEvent.ResponseCreated.TYPE, Field.RESPONSE, Field.RESPONSE),
  RESPONSE_QUEUED(ServerEvent.ResponseQueued.TYPE, Field.RESPONSE, Field.RESPONSE),
  RESPONSE_IN_PROGRESS(ServerEvent.ResponseInProgress.TYPE, Field.RESPONSE, Field.RESPONSE),
  RESPONSE_COMPLETED(ServerEvent.ResponseCompleted.TYPE, Field.RESPONSE, Field.RESPONSE),
  RESPONSE_FAILED(ServerEvent.ResponseFailed.TYPE, Field.RESPONSE, Field.RESPONSE),
  RESPONSE_INCOMPLETE(ServerEvent.ResponseIncomplete.TYPE, Field.RESPONSE, Field.RESPONSE),
  OUTPUT_ITEM_ADDED(ServerEvent.OutputItemAdded.TYPE, Field.ITEM_AT, Field.ITEM_AT),
  OUTPUT_ITEM_DONE(ServerEvent.OutputItemDone.TYPE, Field.ITEM_AT, Field.ITEM_AT),
  CONTENT_PART_ADDED(ServerEvent.ContentPartAdded.TYPE, Field.CONTENT_AT | Field.PART),
  CONTENT_PART_DONE(ServerEvent.ContentPartDone.TYPE, Field.CONTENT_AT | Field.PART),
  OUTPUT_TEXT_DELTA(ServerEvent.OutputTextDelta.TYPE, Field.CONTENT_AT | Field.DELTA),
  OUTPUT_TEXT_DONE(ServerEvent.OutputTextDone.TYPE, Field.CONTENT_AT | Field.TEXT),
  REFUSAL_DELTA(ServerEvent.RefusalDelta.TYPE, Field.CONTENT_AT | Field.DELTA),
  REFUSAL_DONE(ServerEvent.RefusalDone.TYPE, Field.CONTENT_AT | Field.REFUSAL),
  FUNCTION_CALL_ARGUMENTS_DELTA(
      ServerEvent.FunctionCallArgumentsDelta.TYPE, Field.IN_ITEM | Field.DELTA),
  FUNCTION_CALL_ARGUMENTS_DONE(
      ServerEvent.FunctionCallArgumentsDone.TYPE,
      Field.IN_ITEM | Field.NAME | Field.ARGUMENTS,
      Field.IN_ITEM | Field.ARGUMENTS),
  REASONING_SUMMARY_PART_ADDED(
      ServerEvent.ReasoningSummaryPartAdded.TYPE, Field.SUMMARY_AT | Field.PART),
  REASONING_SUMMARY_PART_DONE(
      ServerEvent.ReasoningSummaryPartDone.TYPE, Field.SUMMARY_AT | Field.PART),
  REASONING_SUMMARY_TEXT_DELTA(
      ServerEvent.ReasoningSummaryTextDelta.TYPE, Field.SUMMARY_AT | Field.DELTA),
  REASONING_SUMMARY_TEXT_DONE(
      ServerEvent.ReasoningSummaryTextDone.TYPE, Field.SUMMARY_AT | Field.TEXT),
  REASONING_TEXT_DELTA(ServerEvent.ReasoningTextDelta.TYPE, Field.CONTENT_AT | Field.DELTA),
  REASONING_TEXT_DONE(ServerEvent.ReasoningTextDone.TYPE, Field.CONTENT_AT | Field.TEXT),
  /** Both shapes: which fields count is decided once all are read. Nothing is required. */
  ERROR(
      ServerEvent.Error.TYPE,
      Field.STATUS | Field.STATUS_CODE | Field.ERROR | Field.CODE | Field.MESSAGE | Field.PARAM,
      0),
  UNKNOWN(null, 0, 0);

  final String type;
  private final char[] typeChars;

  /** Fields this event takes from the frame; any other goes to extras. */
  final int uses;

  /** Fields that must be present and non-null. */
  final int required;

  EventKind(String type, int uses) {
    this(type, uses, uses);
  }

  EventKind(String type, int uses, int required) {
    this.type = type;
    this.typeChars = type == null ? null : type.toCharArray();
    this.uses = uses;
    this.required = required;
  }

  /** Open-addressing table of the typed kinds by {@link #hash}; size a power of two. */
  private static final EventKind[] BY_HASH = new EventKind[64];

  static {
    for (EventKind kind : values()) {
      if (kind.type != null) {
        int slot = hash(kind.typeChars, 0, kind.typeChars.length) & (BY_HASH.length - 1);
        while (BY_HASH[slot] != null) {
          slot = (slot + 1) & (BY_HASH.length - 1);
        }
        BY_HASH[slot] = kind;
      }
    }
  }

  /**
   * A cheap hash over the length and three characters that tell the known types apart (the first
   * after {@code "response."} and two near the end); a full hash over every character is a serial
   * multiply chain that costs more than the rest of the lookup. Collisions only mean a probe:
   * matches are confirmed on all characters.
   */
  private static int hash(char[] chars, int offset, int length) {
    int h = length;
    if (length > 0) {
      h = 31 * h + chars[offset + length - 1];
    }
    if (length > 3) {
      h = 31 * h + chars[offset + length - 4];
    }
    if (length > 9) {
      h = 31 * h + chars[offset + 9];
    }
    return h ^ (h >>> 5);
  }

  /**
   * The kind named by the parser's current text, matched in its buffer so that the {@code type} of
   * a typed event is never materialised as a String (it is read on every frame).
   */
  static EventKind of(char[] chars, int offset, int length) {
    int slot = hash(chars, offset, length) & (BY_HASH.length - 1);
    EventKind kind;
    while ((kind = BY_HASH[slot]) != null) {
      if (Arrays.equals(kind.typeChars, 0, kind.typeChars.length, chars, offset, offset + length)) {
        return kind;
      }
      slot = (slot + 1) & (BY_HASH.length - 1);
    }
    return UNKNOWN;
  }

  /** Field ids: one bit each, so per-event sets are plain int masks. */
  static final class Field {
    static final int SEQUENCE_NUMBER = 1;
    static final int STREAM_ID = 1 << 1;
    static final int ITEM_ID = 1 << 2;
    static final int OUTPUT_INDEX = 1 << 3;
    static final int CONTENT_INDEX = 1 << 4;
    static final int SUMMARY_INDEX = 1 << 5;
    static final int DELTA = 1 << 6;
    static final int TEXT = 1 << 7;
    static final int REFUSAL = 1 << 8;
    static final int NAME = 1 << 9;
    static final int ARGUMENTS = 1 << 10;
    static final int RESPONSE = 1 << 11;
    static final int ITEM = 1 << 12;
    static final int PART = 1 << 13;
    static final int STATUS = 1 << 14;
    static final int STATUS_CODE = 1 << 15;
    static final int ERROR = 1 << 16;
    static final int CODE = 1 << 17;
    static final int MESSAGE = 1 << 18;
    static final int PARAM = 1 << 19;

    /** Not a bit: the {@code type} key itself. */
    static final int TYPE = -1;

    static final int ENVELOPE = SEQUENCE_NUMBER | STREAM_ID;
    static final int ITEM_AT = OUTPUT_INDEX | ITEM;
    static final int IN_ITEM = ITEM_ID | OUTPUT_INDEX;
    static final int CONTENT_AT = IN_ITEM | CONTENT_INDEX;
    static final int SUMMARY_AT = IN_ITEM | SUMMARY_INDEX;
    static final int STRINGS =
        STREAM_ID | ITEM_ID | DELTA | TEXT | REFUSAL | NAME | ARGUMENTS | CODE | MESSAGE | PARAM;
    static final int INTS = OUTPUT_INDEX | CONTENT_INDEX | SUMMARY_INDEX | STATUS | STATUS_CODE;

    private Field() {}

    /** The id of a wire key, {@code 0} for keys no typed event uses. */
    static int of(String key) {
      switch (key) {
        case "type":
          return TYPE;
        case "sequence_number":
          return SEQUENCE_NUMBER;
        case "stream_id":
          return STREAM_ID;
        case "item_id":
          return ITEM_ID;
        case "output_index":
          return OUTPUT_INDEX;
        case "content_index":
          return CONTENT_INDEX;
        case "summary_index":
          return SUMMARY_INDEX;
        case "delta":
          return DELTA;
        case "text":
          return TEXT;
        case "refusal":
          return REFUSAL;
        case "name":
          return NAME;
        case "arguments":
          return ARGUMENTS;
        case "response":
          return RESPONSE;
        case "item":
          return ITEM;
        case "part":
          return PART;
        case "status":
          return STATUS;
        case "status_code":
          return STATUS_CODE;
        case "error":
          return ERROR;
        case "code":
          return CODE;
        case "message":
          return MESSAGE;
        case "param":
          return PARAM;
        default:
          return 0;
      }
    }

    /** The wire key of one field bit. */
    static String name(int bit) {
      switch (bit) {
        case SEQUENCE_NUMBER:
          return "sequence_number";
        case STREAM_ID:
          return "stream_id";
        case ITEM_ID:
          return "item_id";
        case OUTPUT_INDEX:
          return "output_index";
        case CONTENT_INDEX:
          return "content_index";
        case SUMMARY_INDEX:
          return "summary_index";
        case DELTA:
          return "delta";
        case TEXT:
          return "text";
        case REFUSAL:
          return "refusal";
        case NAME:
          return "name";
        case ARGUMENTS:
          return "arguments";
        case RESPONSE:
          return "response";
        case ITEM:
          return "item";
        case PART:
          return "part";
        case STATUS:
          return "status";
        case STATUS_CODE:
          return "status_code";
        case ERROR:
          return "error";
        case CODE:
          return "code";
        case MESSAGE:
          return "message";
        case PARAM:
          return "param";
        default:
          throw new IllegalArgumentException("not a field bit: " + bit);
      }
    }

    /** What a field must hold, for messages. */
    static String expected(int bit) {
      if (bit == SEQUENCE_NUMBER) {
        return "a non-negative 64-bit integer";
      }
      if ((bit & STRINGS) != 0) {
        return "a string";
      }
      if ((bit & INTS) != 0) {
        return "a 32-bit integer";
      }
      return "an object";
    }
  }
}
