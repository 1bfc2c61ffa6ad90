package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agentchannel.wire.internal.EventKind.Field;
import io.agentchannel.wire.model.ContentPart;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.io.IOException;
import java.util.LinkedHashMap;

/**
 * The fields of one event frame, collected in a single pass whatever their order. One instance per
 * frame, not shared.
 *
 * <p>Once {@code type} is known, a field the event does not use goes straight to extras and an
 * object field it uses is decoded in place. Before that, fields are collected by their meaning (the
 * same in every event), object values as trees; {@link EventReader} then decodes what the event
 * uses and turns the rest back into extras. A value of the wrong JSON type, or JSON null, is kept
 * as an extra and flagged: it is an error only if the event turns out to use that field, so unknown
 * events and fields never fail.
 */
final class EventFields {

  String type;
  EventKind kind;

  long sequenceNumber = EventMeta.NO_SEQUENCE;
  String streamId;
  String itemId;
  int outputIndex;
  int contentIndex;
  int summaryIndex;
  String delta;
  String text;
  String refusal;
  String name;
  String arguments;
  int status;
  int statusCode;
  String code;
  String message;
  String param;
  Response response;
  Item item;
  ContentPart part;
  ErrorDetail error;

  /** Object fields seen before {@code type}, decoded once the type says they are wanted. */
  JsonNode responseTree;

  JsonNode itemTree;
  JsonNode partTree;
  JsonNode errorTree;

  /** Fields holding a typed value (or a pending tree). */
  int present;

  /** Fields that were JSON null; the null sits in extras. */
  int nulls;

  /** Fields of the wrong JSON type; the value sits in extras. */
  int mismatched;

  LinkedHashMap<String, JsonNode> extras;

  /** Reads all fields of the event object; the parser is just past its {@code START_OBJECT}. */
  void readFields(JsonParser p) throws IOException {
    String key = null;
    try {
      while ((key = p.nextFieldName()) != null) {
        accept(key, p, p.nextToken());
      }
    } catch (WireException e) {
      throw e.under(key);
    }
  }

  private void accept(String key, JsonParser p, JsonToken t) throws IOException {
    int id = Field.of(key);
    if (id == Field.TYPE) {
      if (t != JsonToken.VALUE_STRING) {
        throw JsonReading.expected("a string", t);
      }
      kind = EventKind.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      type = kind == EventKind.UNKNOWN ? p.getText() : kind.type;
      return;
    }
    if ((id & Field.ENVELOPE) == 0) {
      if (kind == EventKind.UNKNOWN) {
        // The frame text is kept whole; only the envelope matters.
        p.skipChildren();
        return;
      }
      if (id == 0 || kind != null && (kind.uses & id) == 0) {
        extras = JsonReading.extra(extras, key, p, t);
        return;
      }
    }
    switch (id) {
      case Field.SEQUENCE_NUMBER:
        if (t == JsonToken.VALUE_NUMBER_INT
            && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER
            && p.getLongValue() >= 0) {
          sequenceNumber = p.getLongValue();
          present |= id;
        } else {
          odd(key, id, p, t);
        }
        return;
      case Field.OUTPUT_INDEX:
      case Field.CONTENT_INDEX:
      case Field.SUMMARY_INDEX:
      case Field.STATUS:
      case Field.STATUS_CODE:
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
          setInt(id, p.getIntValue());
          present |= id;
        } else {
          odd(key, id, p, t);
        }
        return;
      case Field.RESPONSE:
      case Field.ITEM:
      case Field.PART:
      case Field.ERROR:
        if (t == JsonToken.START_OBJECT) {
          readObject(id, p, t);
          present |= id;
        } else {
          odd(key, id, p, t);
        }
        return;
      default:
        if (t == JsonToken.VALUE_STRING) {
          setString(id, p.getText());
          present |= id;
        } else {
          odd(key, id, p, t);
        }
    }
  }

  private void readObject(int id, JsonParser p, JsonToken t) throws IOException {
    if (kind == null) {
      JsonNode tree = JsonReading.tree(p, t);
      switch (id) {
        case Field.RESPONSE -> responseTree = tree;
        case Field.ITEM -> itemTree = tree;
        case Field.PART -> partTree = tree;
        default -> errorTree = tree;
      }
      return;
    }
    switch (id) {
      case Field.RESPONSE -> response = ResponseCodec.read(p, t);
      case Field.ITEM -> item = ItemCodec.read(p, t);
      case Field.PART -> part = PartCodec.read(p, t);
      default -> error = ErrorCodec.read(p, t);
    }
  }

  private void odd(String key, int id, JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      nulls |= id;
    } else {
      mismatched |= id;
    }
    extras = JsonReading.extra(extras, key, p, t);
  }

  private void setInt(int id, int value) {
    switch (id) {
      case Field.OUTPUT_INDEX -> outputIndex = value;
      case Field.CONTENT_INDEX -> contentIndex = value;
      case Field.SUMMARY_INDEX -> summaryIndex = value;
      case Field.STATUS -> status = value;
      default -> statusCode = value;
    }
  }

  private int getInt(int id) {
    switch (id) {
      case Field.OUTPUT_INDEX:
        return outputIndex;
      case Field.CONTENT_INDEX:
        return contentIndex;
      case Field.SUMMARY_INDEX:
        return summaryIndex;
      case Field.STATUS:
        return status;
      default:
        return statusCode;
    }
  }

  private void setString(int id, String value) {
    switch (id) {
      case Field.STREAM_ID -> streamId = value;
      case Field.ITEM_ID -> itemId = value;
      case Field.DELTA -> delta = value;
      case Field.TEXT -> text = value;
      case Field.REFUSAL -> refusal = value;
      case Field.NAME -> name = value;
      case Field.ARGUMENTS -> arguments = value;
      case Field.CODE -> code = value;
      case Field.MESSAGE -> message = value;
      default -> param = value;
    }
  }

  private String getString(int id) {
    switch (id) {
      case Field.STREAM_ID:
        return streamId;
      case Field.ITEM_ID:
        return itemId;
      case Field.DELTA:
        return delta;
      case Field.TEXT:
        return text;
      case Field.REFUSAL:
        return refusal;
      case Field.NAME:
        return name;
      case Field.ARGUMENTS:
        return arguments;
      case Field.CODE:
        return code;
      case Field.MESSAGE:
        return message;
      default:
        return param;
    }
  }

  /** The first field (by bit order) in {@code mask}, for error messages. */
  static int first(int mask) {
    return Integer.lowestOneBit(mask);
  }

  /** The error for a wrong-typed field; its value is in extras. */
  WireException mismatch(int bit) {
    String key = Field.name(bit);
    JsonNode found = extras.get(key);
    return new WireException(
        key,
        "expected "
            + Field.expected(bit)
            + " but found "
            + (found == null ? "another type" : JsonReading.describe(found)));
  }

  /**
   * Moves typed values the event does not consume back into extras: they were collected before
   * {@code type} said they are not this event's. Object fields are only ever trees here.
   */
  void returnUnused(int consumed) {
    int unused = present & ~consumed & ~Field.ENVELOPE;
    while (unused != 0) {
      int bit = Integer.lowestOneBit(unused);
      unused &= ~bit;
      JsonNode node;
      if ((bit & Field.STRINGS) != 0) {
        node = TextNode.valueOf(getString(bit));
      } else if ((bit & Field.INTS) != 0) {
        node = IntNode.valueOf(getInt(bit));
      } else {
        node =
            switch (bit) {
              case Field.RESPONSE -> responseTree;
              case Field.ITEM -> itemTree;
              case Field.PART -> partTree;
              default -> errorTree;
            };
      }
      extras = JsonReading.put(extras, Field.name(bit), node);
    }
  }

  /** Drops the nulls of fields the writer always writes itself (flat error fields). */
  void dropNulls(int fields) {
    int dropped = nulls & fields;
    while (dropped != 0) {
      int bit = Integer.lowestOneBit(dropped);
      dropped &= ~bit;
      extras.remove(Field.name(bit));
    }
  }

  EventMeta meta() {
    return new EventMeta(sequenceNumber, streamId, JsonReading.done(extras));
  }
}
