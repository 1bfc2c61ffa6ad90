package io.agentchannel.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: {@code read(write(x)).equals(x)} for generated requests, items, responses, error bodies
 * and events. Each case is drawn from its own seed, named in the test's display name, so a failure
 * reproduces with {@code new WireGenerators(seed)}.
 */
class CodecRoundTripPropertyTest {

  /** Cases per property; raise locally with {@code -Dagentchannel.property.tries=…}. */
  private static final int TRIES = Integer.getInteger("agentchannel.property.tries", 300);

  private static final WireCodec CODEC = WireCodec.shared();

  static LongStream seeds() {
    return LongStream.range(0, TRIES);
  }

  private static <T> T draw(long seed, Function<WireGenerators, T> generator) {
    return generator.apply(new WireGenerators(seed));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void events(long seed) {
    var event = draw(seed, WireGenerators::event);
    String written = CODEC.writeEvent(event);

    assertThat(CODEC.readEvent(written)).as(written).isEqualTo(event);
    byte[] utf8 = written.getBytes(StandardCharsets.UTF_8);
    assertThat(CODEC.readEvent(utf8, 0, utf8.length)).as(written).isEqualTo(event);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void items(long seed) {
    var item = draw(seed, WireGenerators::item);
    assertThat(CODEC.readItem(CODEC.writeItem(item))).isEqualTo(item);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void createRequests(long seed) {
    var request = draw(seed, WireGenerators::createRequest);
    assertThat(CODEC.readCreateRequest(CODEC.writeCreateRequest(request))).isEqualTo(request);
    assertThat(CODEC.readCreateFrame(CODEC.writeCreateFrame(request))).isEqualTo(request);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void responses(long seed) {
    var response = draw(seed, WireGenerators::response);
    assertThat(CODEC.readResponse(CODEC.writeResponse(response))).isEqualTo(response);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void errorBodies(long seed) {
    var error = draw(seed, WireGenerators::errorDetail);
    assertThat(CODEC.readErrorBody(CODEC.writeErrorBody(error))).isEqualTo(error);
  }
}
