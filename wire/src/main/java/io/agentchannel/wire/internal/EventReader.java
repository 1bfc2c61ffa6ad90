package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.internal.EventKind.Field;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.EventMeta;
import io.agentchannel.wire.model.ServerEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Reads one server event frame into a typed {@link ServerEvent}, in one streaming pass (see {@link
 * EventFields}). Stateless and thread-safe.
 */
public final class EventReader {

  private EventReader() {}

  public static ServerEvent read(WireJson json, String frame) {
    if (frame == null) {
      throw new ProtocolViolationException("event frame is null");
    }
    EventFields f = new EventFields();
    try (JsonParser p = json.parser(frame)) {
      parse(p, f);
      if (f.kind == EventKind.UNKNOWN) {
        return unknown(f, frame);
      }
      return build(f, p.getCodec());
    } catch (WireException e) {
      throw Violations.of(e, f.type, frame);
    } catch (IOException e) {
      throw Violations.malformed(e, f.type, frame);
    } catch (RuntimeException e) {
      throw Violations.rejected(e, f.type, frame);
    }
  }

  public static ServerEvent read(WireJson json, byte[] utf8, int offset, int length) {
    if (utf8 == null) {
      throw new ProtocolViolationException("event frame is null");
    }
    java.util.Objects.checkFromIndexSize(offset, length, utf8.length);
    EventFields f = new EventFields();
    try (JsonParser p = json.parser(utf8, offset, length)) {
      parse(p, f);
      if (f.kind == EventKind.UNKNOWN) {
        // Only unknown events keep their text, so only they pay for decoding it.
        return unknown(f, new String(utf8, offset, length, StandardCharsets.UTF_8));
      }
      return build(f, p.getCodec());
    } catch (WireException e) {
      throw Violations.of(e, f.type, decode(utf8, offset, length));
    } catch (IOException e) {
      throw Violations.malformed(e, f.type, decode(utf8, offset, length));
    } catch (RuntimeException e) {
      throw Violations.rejected(e, f.type, decode(utf8, offset, length));
    }
  }

  private static String decode(byte[] utf8, int offset, int length) {
    return new String(utf8, offset, length, StandardCharsets.UTF_8);
  }

  private static void parse(JsonParser p, EventFields f) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw WireException.here("empty frame");
    }
    if (t != JsonToken.START_OBJECT) {
      throw WireException.here("expected a JSON object but found " + JsonReading.describe(t));
    }
    f.readFields(p);
    if (p.nextToken() != null) {
      throw WireException.here("unexpected content after the event object");
    }
    if (f.type == null) {
      throw WireException.missing("type");
    }
    int bad = f.mismatched & (f.kind.uses | Field.ENVELOPE);
    if (bad != 0) {
      throw f.mismatch(EventFields.first(bad));
    }
  }

  private static ServerEvent.Unknown unknown(EventFields f, String frame) {
    return new ServerEvent.Unknown(
        new EventMeta(f.sequenceNumber, f.streamId, Map.of()), f.type, frame);
  }

  private static ServerEvent build(EventFields f, ObjectCodec codec) throws IOException {
    EventKind kind = f.kind;
    int missing = kind.required & ~f.present;
    if (missing != 0) {
      throw WireException.missing(Field.name(EventFields.first(missing)));
    }
    decodeTrees(f, kind.uses, codec);
    if (kind == EventKind.ERROR) {
      return error(f);
    }
    f.returnUnused(kind.uses);
    EventMeta meta = f.meta();
    switch (kind) {
      case OUTPUT_TEXT_DELTA:
        return new ServerEvent.OutputTextDelta(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.delta);
      case FUNCTION_CALL_ARGUMENTS_DELTA:
        return new ServerEvent.FunctionCallArgumentsDelta(meta, f.itemId, f.outputIndex, f.delta);
      case REASONING_SUMMARY_TEXT_DELTA:
        return new ServerEvent.ReasoningSummaryTextDelta(
            meta, f.itemId, f.outputIndex, f.summaryIndex, f.delta);
      case REASONING_TEXT_DELTA:
        return new ServerEvent.ReasoningTextDelta(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.delta);
      case REFUSAL_DELTA:
        return new ServerEvent.RefusalDelta(meta, f.itemId, f.outputIndex, f.contentIndex, f.delta);
      case RESPONSE_CREATED:
        return new ServerEvent.ResponseCreated(meta, f.response);
      case RESPONSE_QUEUED:
        return new ServerEvent.ResponseQueued(meta, f.response);
      case RESPONSE_IN_PROGRESS:
        return new ServerEvent.ResponseInProgress(meta, f.response);
      case RESPONSE_COMPLETED:
        return new ServerEvent.ResponseCompleted(meta, f.response);
      case RESPONSE_FAILED:
        return new ServerEvent.ResponseFailed(meta, f.response);
      case RESPONSE_INCOMPLETE:
        return new ServerEvent.ResponseIncomplete(meta, f.response);
      case OUTPUT_ITEM_ADDED:
        return new ServerEvent.OutputItemAdded(meta, f.outputIndex, f.item);
      case OUTPUT_ITEM_DONE:
        return new ServerEvent.OutputItemDone(meta, f.outputIndex, f.item);
      case CONTENT_PART_ADDED:
        return new ServerEvent.ContentPartAdded(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.part);
      case CONTENT_PART_DONE:
        return new ServerEvent.ContentPartDone(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.part);
      case OUTPUT_TEXT_DONE:
        return new ServerEvent.OutputTextDone(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.text);
      case REFUSAL_DONE:
        return new ServerEvent.RefusalDone(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.refusal);
      case FUNCTION_CALL_ARGUMENTS_DONE:
        return new ServerEvent.FunctionCallArgumentsDone(
            meta, f.itemId, f.outputIndex, f.name, f.arguments);
      case REASONING_SUMMARY_PART_ADDED:
        return new ServerEvent.ReasoningSummaryPartAdded(
            meta, f.itemId, f.outputIndex, f.summaryIndex, f.part);
      case REASONING_SUMMARY_PART_DONE:
        return new ServerEvent.ReasoningSummaryPartDone(
            meta, f.itemId, f.outputIndex, f.summaryIndex, f.part);
      case REASONING_SUMMARY_TEXT_DONE:
        return new ServerEvent.ReasoningSummaryTextDone(
            meta, f.itemId, f.outputIndex, f.summaryIndex, f.text);
      case REASONING_TEXT_DONE:
        return new ServerEvent.ReasoningTextDone(
            meta, f.itemId, f.outputIndex, f.contentIndex, f.text);
      default:
        throw new IllegalStateException("no builder for " + kind);
    }
  }

  /** Decodes object fields that arrived, as trees, before {@code type}. */
  private static void decodeTrees(EventFields f, int uses, ObjectCodec codec) throws IOException {
    if ((uses & Field.RESPONSE) != 0 && f.responseTree != null) {
      try (JsonParser p = f.responseTree.traverse(codec)) {
        f.response = ResponseCodec.read(p, p.nextToken());
      } catch (WireException e) {
        throw e.under("response");
      }
    }
    if ((uses & Field.ITEM) != 0 && f.itemTree != null) {
      try (JsonParser p = f.itemTree.traverse(codec)) {
        f.item = ItemCodec.read(p, p.nextToken());
      } catch (WireException e) {
        throw e.under("item");
      }
    }
    if ((uses & Field.PART) != 0 && f.partTree != null) {
      try (JsonParser p = f.partTree.traverse(codec)) {
        f.part = PartCodec.read(p, p.nextToken());
      } catch (WireException e) {
        throw e.under("part");
      }
    }
    if ((uses & Field.ERROR) != 0 && f.errorTree != null) {
      try (JsonParser p = f.errorTree.traverse(codec)) {
        f.error = ErrorCodec.read(p, p.nextToken());
      } catch (WireException e) {
        throw e.under("error");
      }
    }
  }

  /**
   * Both error shapes: an {@code error} object makes it the nested WebSocket frame ({@code status},
   * or {@code status_code} as some servers write it); otherwise it is the flat SSE event. The
   * fields of the other shape stay as extras.
   */
  private static ServerEvent error(EventFields f) {
    if ((f.present & Field.ERROR) != 0) {
      Integer status = null;
      int consumed = Field.ERROR;
      if ((f.present & Field.STATUS) != 0) {
        status = f.status;
        consumed |= Field.STATUS;
      } else if ((f.present & Field.STATUS_CODE) != 0) {
        status = f.statusCode;
        consumed |= Field.STATUS_CODE;
      }
      f.returnUnused(consumed);
      return new ServerEvent.Error(f.meta(), status, f.error, ServerEvent.ErrorShape.NESTED);
    }
    int flat = Field.CODE | Field.MESSAGE | Field.PARAM;
    f.returnUnused(flat);
    f.dropNulls(flat);
    return new ServerEvent.Error(
        f.meta(),
        null,
        ErrorDetail.of(null, f.code, f.message, f.param),
        ServerEvent.ErrorShape.FLAT);
  }
}
