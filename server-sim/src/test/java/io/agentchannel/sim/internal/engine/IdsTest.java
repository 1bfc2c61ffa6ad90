package io.agentchannel.sim.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void idsAreThePrefixAndTwoZeroPaddedHexWordsOfTheSeededCounter() {
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x9E3779B97F4A7C15L}) {
      Ids ids = new Ids(seed);
      for (long n = 1; n <= 5000; n++) {
        String prefix = n % 2 == 0 ? "resp_" : "fc_";

        assertThat(ids.next(prefix)).isEqualTo(expected(prefix, seed, n));
      }
    }
  }

  @Test
  void idsHaveTheServicePrefixes() {
    Ids ids = new Ids(7);

    assertThat(ids.response()).startsWith("resp_").hasSize(37);
    assertThat(ids.message()).startsWith("msg_").hasSize(36);
    assertThat(ids.functionCallItem()).startsWith("fc_").hasSize(35);
    assertThat(ids.callId()).startsWith("call_").hasSize(37);
    assertThat(ids.reasoning()).startsWith("rs_").hasSize(35);
  }

  /** The definition, written the plain way. */
  private static String expected(String prefix, long seed, long n) {
    return prefix
        + String.format("%016x", Ids.mix(seed ^ Ids.mix(n)))
        + String.format("%016x", Ids.mix(n * 0x9E3779B97F4A7C15L + seed));
  }
}
