package io.agentchannel.sim.internal.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8LengthTest {

  @Test
  void countsBytesNotCharacters() {
    for (String text :
        new String[] {
          "abc", "é".repeat(10), "€".repeat(10), "\uD83D\uDE00".repeat(10), "a€é\uD83D\uDE00"
        }) {
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      assertThat(ClientFrames.utf8LengthExceeds(text, bytes)).as(text).isFalse();
      assertThat(ClientFrames.utf8LengthExceeds(text, bytes - 1)).as(text).isTrue();
    }
  }
}
