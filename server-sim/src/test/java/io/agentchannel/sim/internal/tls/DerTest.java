package io.agentchannel.sim.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DER output checked byte for byte against known encodings (X.690 and RFC 5280 examples). */
class DerTest {

  @ParameterizedTest(name = "INTEGER {0} = {1}")
  @CsvSource({
    "0, 020100",
    "127, 02017F",
    "128, 02020080",
    "256, 02020100",
    "-1, 0201FF",
    "-128, 020180",
    "-129, 0202FF7F",
    "65535, 020300FFFF",
  })
  void integer_is_minimal_twos_complement(long value, String hex) {
    assertThat(Der.integer(BigInteger.valueOf(value))).isEqualTo(bytes(hex));
  }

  @ParameterizedTest(name = "OID {0} = {1}")
  @CsvSource({
    "1.2.840.10045.4.3.2, 06082A8648CE3D040302",
    "2.5.29.17, 0603551D11",
    "2.5.4.3, 0603550403",
    "1.3.6.1.5.5.7.3.1, 06082B06010505070301",
    // X.690's own example: the combined first sub-identifier (2 * 40 + 999) takes two octets.
    "2.999.3, 0603883703",
    "0.0, 060100",
  })
  void oid_from_dotted_string(String dotted, String hex) {
    assertThat(Der.oid(dotted)).isEqualTo(bytes(hex));
  }

  @ParameterizedTest(name = "bad OID \"{0}\"")
  @ValueSource(strings = {"1", "3.1", "1.40", "0.40", "1..2", "1.2.", "a.b", "1.02", "1.-2"})
  void bad_oid_is_rejected(String dotted) {
    assertThatThrownBy(() -> Der.oid(dotted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dotted);
  }

  @ParameterizedTest(name = "length {0} = {1}")
  @CsvSource({"0, 00", "127, 7F", "128, 8180", "255, 81FF", "256, 820100", "65536, 83010000"})
  void length_is_short_below_128_and_long_from_128(int length, String hex) {
    assertThat(Der.length(length)).isEqualTo(bytes(hex));
  }

  @Test
  void long_content_gets_a_long_form_header() {
    assertThat(Arrays.copyOf(Der.octetString(new byte[127]), 2)).isEqualTo(bytes("047F"));
    assertThat(Arrays.copyOf(Der.octetString(new byte[128]), 3)).isEqualTo(bytes("048180"));
    byte[] encoded = Der.octetString(new byte[256]);
    assertThat(Arrays.copyOf(encoded, 4)).isEqualTo(bytes("04820100"));
    assertThat(encoded).hasSize(4 + 256);
  }

  @Test
  void constructed_types_wrap_their_elements() {
    assertThat(Der.sequence()).isEqualTo(bytes("3000"));
    assertThat(Der.sequence(Der.integer(1), Der.bool(true)))
        .isEqualTo(bytes("3006020101" + "0101FF"));
    assertThat(Der.bool(false)).isEqualTo(bytes("010100"));
  }

  @Test
  void set_of_sorts_its_elements_by_encoding() {
    byte[] expected = bytes("3106" + "020101" + "020102");
    assertThat(Der.set(Der.integer(2), Der.integer(1))).isEqualTo(expected);
    assertThat(Der.set(Der.integer(1), Der.integer(2))).isEqualTo(expected);
    // A shorter encoding that is a prefix of a longer one sorts first.
    assertThat(Der.set(Der.octetString(bytes("0100")), Der.octetString(bytes("01"))))
        .isEqualTo(bytes("3107" + "040101" + "04020100"));
  }

  @Test
  void strings() {
    assertThat(Der.utf8String("é")).isEqualTo(bytes("0C02C3A9"));
    assertThat(Der.printableString("AgentChannel server-sim"))
        .startsWith(bytes("1317"))
        .hasSize(2 + 23);
    assertThat(Der.ia5String("localhost")).isEqualTo(bytes("1609" + "6C6F63616C686F7374"));
    assertThatThrownBy(() -> Der.printableString("a@b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Der.ia5String("é")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void time_is_utc_time_before_2050_and_generalized_time_from_2050() {
    assertThat(Der.time(Instant.parse("2049-12-31T23:59:59.999Z")))
        .isEqualTo(Der.tlv(Der.UTC_TIME, Der.ascii("491231235959Z")));
    assertThat(Der.time(Instant.parse("2050-01-01T00:00:00Z")))
        .isEqualTo(Der.tlv(Der.GENERALIZED_TIME, Der.ascii("20500101000000Z")));
    assertThat(Der.time(Instant.parse("1950-01-01T00:00:00Z")))
        .isEqualTo(Der.tlv(Der.UTC_TIME, Der.ascii("500101000000Z")));
    assertThat(Der.time(Instant.parse("1949-12-31T23:59:59Z")))
        .isEqualTo(Der.tlv(Der.GENERALIZED_TIME, Der.ascii("19491231235959Z")));
    assertThat(Der.utcTime(Instant.parse("2026-03-04T05:06:07Z")))
        .isEqualTo(bytes("170D" + "3236303330343035303630375A"));
  }

  @Test
  void bit_strings() {
    assertThat(Der.bitString(bytes("0102"))).isEqualTo(bytes("0303000102"));
    // keyUsage digitalSignature alone: one octet, seven unused bits.
    assertThat(Der.namedBits(0)).isEqualTo(bytes("03020780"));
    // digitalSignature + keyEncipherment (bits 0 and 2).
    assertThat(Der.namedBits(0, 2)).isEqualTo(bytes("030205A0"));
    assertThat(Der.namedBits(8)).isEqualTo(bytes("0303070080"));
    assertThat(Der.namedBits()).isEqualTo(bytes("030100"));
  }

  @Test
  void context_tags() {
    assertThat(Der.explicit(0, Der.integer(2))).isEqualTo(bytes("A003020102"));
    assertThat(Der.explicit(3, Der.sequence())).isEqualTo(bytes("A3023000"));
    assertThat(Der.implicit(2, Der.ascii("a"))).isEqualTo(bytes("820161"));
    assertThat(Der.implicit(7, bytes("7F000001"))).isEqualTo(bytes("87047F000001"));
    assertThatThrownBy(() -> Der.implicit(31, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }
}
