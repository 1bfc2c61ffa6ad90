package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.agentchannel.error.ProtocolViolationException;
import io.agentchannel.wire.model.CreateRequest;
import io.agentchannel.wire.model.ErrorDetail;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.Response;
import java.io.IOException;

/**
 * Entry points for whole JSON documents other than events (request bodies and frames, responses,
 * error bodies, single items): one document per input, nothing after it. Stateless and thread-safe.
 */
public final class Documents {

  private Documents() {}

  @FunctionalInterface
  private interface Decoder<T> {
    T read(JsonParser p, JsonToken first) throws IOException;
  }

  public static CreateRequest readCreateRequest(WireJson json, String text) {
    return read(json, text, null, RequestCodec::readBody);
  }

  public static CreateRequest readCreateFrame(WireJson json, String text) {
    return read(json, text, RequestCodec.CREATE_TYPE, RequestCodec::readFrame);
  }

  public static Response readResponse(WireJson json, String text) {
    return read(json, text, null, ResponseCodec::read);
  }

  public static ErrorDetail readErrorBody(WireJson json, String text) {
    return read(json, text, null, ErrorCodec::readHttpBody);
  }

  public static Item readItem(WireJson json, String text) {
    return read(json, text, null, ItemCodec::read);
  }

  public static String writeCreateRequest(WireJson json, CreateRequest r) {
    return JsonWriting.asString(json, g -> RequestCodec.write(g, r, false));
  }

  public static String writeCreateFrame(WireJson json, CreateRequest r) {
    return JsonWriting.asString(json, g -> RequestCodec.write(g, r, true));
  }

  public static String writeResponse(WireJson json, Response r) {
    return JsonWriting.asString(json, g -> ResponseCodec.write(g, r));
  }

  public static String writeErrorBody(WireJson json, ErrorDetail e) {
    return JsonWriting.asString(json, g -> ErrorCodec.writeHttpBody(g, e));
  }

  public static String writeItem(WireJson json, Item item) {
    return JsonWriting.asString(json, g -> ItemWriter.write(g, item));
  }

  private static <T> T read(WireJson json, String text, String eventType, Decoder<T> decoder) {
    if (text == null) {
      throw new ProtocolViolationException("input is null", eventType, null, null);
    }
    try (JsonParser p = json.parser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw WireException.here("empty input");
      }
      if (first != JsonToken.START_OBJECT) {
        throw WireException.here("expected a JSON object but found " + JsonReading.describe(first));
      }
      T value = decoder.read(p, first);
      if (p.nextToken() != null) {
        throw WireException.here("unexpected content after the JSON object");
      }
      return value;
    } catch (WireException e) {
      throw Violations.of(e, eventType, text);
    } catch (IOException e) {
      throw Violations.malformed(e, eventType, text);
    } catch (RuntimeException e) {
      throw Violations.rejected(e, eventType, text);
    }
  }
}
