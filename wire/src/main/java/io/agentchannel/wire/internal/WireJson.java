package io.agentchannel.wire.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * The Jackson configuration of one codec: a {@link JsonMapper} whose factory makes every parser and
 * generator, so parsers carry the mapper as their codec ({@code readValueAsTree} works on them).
 * Thread-safe.
 */
public final class WireJson {

  private final JsonMapper mapper;
  private final JsonFactory factory;

  public WireJson() {
    mapper =
        JsonMapper.builder()
            // Callers own their Writer: we neither close it nor push a flush down to the socket
            // after every event; batching flushes is the transport's call.
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();
    factory = mapper.getFactory();
  }

  /** The mapper behind the parsers (for callers that need a tree codec). */
  public JsonMapper mapper() {
    return mapper;
  }

  JsonParser parser(String text) throws IOException {
    return factory.createParser(text);
  }

  JsonParser parser(byte[] utf8, int offset, int length) throws IOException {
    return factory.createParser(utf8, offset, length);
  }

  JsonGenerator generator(Writer out) throws IOException {
    return factory.createGenerator(out);
  }
}
