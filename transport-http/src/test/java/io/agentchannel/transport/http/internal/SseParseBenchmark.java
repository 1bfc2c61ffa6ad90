package io.agentchannel.transport.http.internal;

import io.agentchannel.wire.WireCodec;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The transport's read path for one streamed body of 1000 {@code response.output_text.delta}
 * events, received in 16 KiB chunks: the byte-level {@link SseParser} handing each event's bytes to
 * {@link WireCodec#readEvent(byte[], int, int)}, against the straightforward way, a {@code
 * BufferedReader} over the decoded body whose {@code data:} lines go to {@link
 * WireCodec#readEvent(String)} (what {@code BodyHandlers.ofLines()} leads to).
 *
 * <p>Run with {@code ./mvnw -B -pl transport-http -am -Pjmh -Djmh.api.skip -Djmh.sim.skip
 * -DskipTests verify} (options through {@code -Djmh.args="SseParseBenchmark -f 1 -prof gc"}). Not a
 * test: the annotation processor turns it into JMH classes when the tests compile.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SseParseBenchmark {

  private static final int EVENTS = 1000;
  private static final int CHUNK = 16 * 1024;

  private final WireCodec codec = WireCodec.shared();
  private byte[] body;
  private List<ByteBuffer> chunks;

  @Setup
  public void setUp() {
    StringBuilder sse = new StringBuilder();
    for (int i = 0; i < EVENTS; i++) {
      sse.append("event: response.output_text.delta\n")
          .append("data: {\"type\":\"response.output_text.delta\",\"sequence_number\":")
          .append(i + 4)
          .append(",\"item_id\":\"msg_0a1b2c3d4e5f60718293a4b5c6d7e8f9\",\"output_index\":0,")
          .append("\"content_index\":0,\"delta\":\" tokén ")
          .append(i)
          .append("\",\"logprobs\":[],\"obfuscation\":\"Qm3xT0aZ\"}\n\n");
    }
    body = sse.toString().getBytes(StandardCharsets.UTF_8);
    chunks = new ArrayList<>();
    for (int at = 0; at < body.length; at += CHUNK) {
      chunks.add(ByteBuffer.wrap(body, at, Math.min(CHUNK, body.length - at)).slice());
    }
  }

  @Benchmark
  public void byteParserToCodec(Blackhole events) {
    SseParser parser =
        new SseParser(
            16 * 1024 * 1024,
            (name, data, offset, length) -> {
              events.consume(codec.readEvent(data, offset, length));
              return true;
            });
    for (ByteBuffer chunk : chunks) {
      parser.append(chunk.duplicate());
      parser.parse();
    }
    parser.finish();
  }

  @Benchmark
  public void readLineThenStringToCodec(Blackhole events) throws IOException {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("data: ")) {
          events.consume(codec.readEvent(line.substring(6)));
        }
      }
    }
  }
}
