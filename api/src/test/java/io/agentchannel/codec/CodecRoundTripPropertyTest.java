package io.agentchannel.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.model.CreateRequest;
import io.agentchannel.model.ErrorDetail;
import io.agentchannel.model.Item;
import io.agentchannel.model.Response;
import io.agentchannel.model.ServerEvent;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** {@code read(write(x)).equals(x)} for generated requests, items, responses and events. */
class CodecRoundTripPropertyTest {

  private static final WireCodec CODEC = WireCodec.shared();

  @Property(tries = 300)
  void events(@ForAll("events") ServerEvent event) {
    String written = CODEC.writeEvent(event);

    assertThat(CODEC.readEvent(written)).isEqualTo(event);
    byte[] utf8 = written.getBytes(StandardCharsets.UTF_8);
    assertThat(CODEC.readEvent(utf8, 0, utf8.length)).isEqualTo(event);
  }

  @Property(tries = 300)
  void items(@ForAll("items") Item item) {
    assertThat(CODEC.readItem(CODEC.writeItem(item))).isEqualTo(item);
  }

  @Property(tries = 300)
  void createRequests(@ForAll("createRequests") CreateRequest request) {
    assertThat(CODEC.readCreateRequest(CODEC.writeCreateRequest(request))).isEqualTo(request);
    assertThat(CODEC.readCreateFrame(CODEC.writeCreateFrame(request))).isEqualTo(request);
  }

  @Property(tries = 300)
  void responses(@ForAll("responses") Response response) {
    assertThat(CODEC.readResponse(CODEC.writeResponse(response))).isEqualTo(response);
  }

  @Property(tries = 300)
  void errorBodies(@ForAll("errors") ErrorDetail error) {
    assertThat(CODEC.readErrorBody(CODEC.writeErrorBody(error))).isEqualTo(error);
  }

  @Provide
  Arbitrary<ServerEvent> events() {
    return WireArbitraries.event();
  }

  @Provide
  Arbitrary<Item> items() {
    return WireArbitraries.item();
  }

  @Provide
  Arbitrary<CreateRequest> createRequests() {
    return WireArbitraries.createRequest();
  }

  @Provide
  Arbitrary<Response> responses() {
    return WireArbitraries.response();
  }

  @Provide
  Arbitrary<ErrorDetail> errors() {
    return WireArbitraries.errorDetail();
  }
}
