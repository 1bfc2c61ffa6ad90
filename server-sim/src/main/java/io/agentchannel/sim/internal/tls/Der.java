package io.agentchannel.sim.internal.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The few DER (ITU-T X.690 Distinguished Encoding Rules) encoders an X.509 certificate needs. Each
 * method returns one complete TLV (tag, length, value) as a fresh array; constructed types take the
 * already encoded TLVs of their components.
 *
 * <p>Stateless and thread-safe. Limits: only definite lengths up to {@link Integer#MAX_VALUE}, only
 * low tag numbers (0 to 30), and only the string types a certificate name needs.
 */
final class Der {

  static final int BOOLEAN = 0x01;
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OBJECT_IDENTIFIER = 0x06;
  static final int UTF8_STRING = 0x0C;
  static final int PRINTABLE_STRING = 0x13;
  static final int IA5_STRING = 0x16;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  private static final int CONTEXT_PRIMITIVE = 0x80;
  private static final int CONTEXT_CONSTRUCTED = 0xA0;

  private static final DateTimeFormatter UTC_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * Unsigned octet-by-octet comparison, a shorter encoding padded with trailing zero octets; equal
   * after padding compares shorter first, so the order is total.
   */
  private static final Comparator<byte[]> SET_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
          int x = i < a.length ? a[i] & 0xFF : 0;
          int y = i < b.length ? b[i] & 0xFF : 0;
          if (x != y) {
            return Integer.compare(x, y);
          }
        }
        return Integer.compare(a.length, b.length);
      };

  private Der() {}

  /** One TLV with the given tag byte; the length takes the long form from 128 bytes on. */
  static byte[] tlv(int tag, byte[] content) {
    byte[] length = length(content.length);
    byte[] out = new byte[1 + length.length + content.length];
    out[0] = (byte) tag;
    System.arraycopy(length, 0, out, 1, length.length);
    System.arraycopy(content, 0, out, 1 + length.length, content.length);
    return out;
  }

  /** The length octets: short form below 128, else 0x80 + count, then the big-endian count. */
  static byte[] length(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    if (length < 0x80) {
      return new byte[] {(byte) length};
    }
    int octets = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    byte[] out = new byte[1 + octets];
    out[0] = (byte) (0x80 | octets);
    for (int i = octets; i > 0; i--) {
      out[i] = (byte) length;
      length >>>= 8;
    }
    return out;
  }

  static byte[] sequence(byte[]... elements) {
    return tlv(SEQUENCE, concat(elements));
  }

  /**
   * A SET OF. DER orders the elements by their encodings (X.690 11.6), so equal content always
   * encodes to equal bytes whatever order the caller passes.
   */
  static byte[] set(byte[]... elements) {
    byte[][] sorted = elements.clone();
    Arrays.sort(sorted, SET_ORDER);
    return tlv(SET, concat(sorted));
  }

  static byte[] bool(boolean value) {
    // DER fixes TRUE as 0xFF (BER allows any non-zero octet).
    return tlv(BOOLEAN, new byte[] {(byte) (value ? 0xFF : 0x00)});
  }

  /** A two's complement INTEGER in the fewest octets; {@link BigInteger#toByteArray()} is that. */
  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  /**
   * An OBJECT IDENTIFIER from its dotted form ({@code 1.2.840.10045.4.3.2}): the first two arcs
   * share one sub-identifier (40 * first + second), each sub-identifier is base 128, high bit set
   * on every octet but its last.
   *
   * @throws IllegalArgumentException if the string is not a valid dotted OID
   */
  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length < 2) {
      throw new IllegalArgumentException("OID needs at least two arcs: " + dotted);
    }
    BigInteger[] arcs = new BigInteger[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].matches("0|[1-9][0-9]*")) {
        throw new IllegalArgumentException("bad OID arc '" + parts[i] + "' in " + dotted);
      }
      arcs[i] = new BigInteger(parts[i]);
    }
    int first = arcs[0].intValue();
    if (arcs[0].compareTo(BigInteger.TWO) > 0
        || (first < 2 && arcs[1].compareTo(BigInteger.valueOf(40)) >= 0)) {
      throw new IllegalArgumentException("bad first arcs in OID " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, BigInteger.valueOf(40L * first).add(arcs[1]));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, arcs[i]);
    }
    return tlv(OBJECT_IDENTIFIER, out.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, BigInteger value) {
    int groups = Math.max(1, (value.bitLength() + 6) / 7);
    for (int g = groups - 1; g >= 0; g--) {
      int septet = value.shiftRight(7 * g).intValue() & 0x7F;
      out.write(g == 0 ? septet : septet | 0x80);
    }
  }

  static byte[] utf8String(String value) {
    return tlv(UTF8_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException if the value has a character PrintableString lacks
   */
  static byte[] printableString(String value) {
    if (!value.matches("[A-Za-z0-9 '()+,\\-./:=?]*")) {
      throw new IllegalArgumentException("not a PrintableString: " + value);
    }
    return tlv(PRINTABLE_STRING, value.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * @throws IllegalArgumentException if the value is not ASCII
   */
  static byte[] ia5String(String value) {
    return tlv(IA5_STRING, ascii(value));
  }

  /**
   * A certificate validity time the way RFC 5280 (4.1.2.5) wants it: UTCTime for the years 1950 to
   * 2049, GeneralizedTime otherwise; whole seconds, always in UTC ({@code Z}).
   */
  static byte[] time(Instant instant) {
    int year = instant.atZone(ZoneOffset.UTC).getYear();
    return year >= 1950 && year < 2050 ? utcTime(instant) : generalizedTime(instant);
  }

  static byte[] utcTime(Instant instant) {
    return tlv(UTC_TIME, ascii(UTC_TIME_FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS))));
  }

  static byte[] generalizedTime(Instant instant) {
    return tlv(
        GENERALIZED_TIME,
        ascii(GENERALIZED_TIME_FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS))));
  }

  /** A BIT STRING of whole octets (a key, a signature): the leading octet says 0 unused bits. */
  static byte[] bitString(byte[] bytes) {
    byte[] content = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, content, 1, bytes.length);
    return tlv(BIT_STRING, content);
  }

  /**
   * A BIT STRING of named bits (bit 0 is the most significant bit of the first octet), as in
   * keyUsage. DER drops trailing zero bits, so the string ends at the highest bit set.
   */
  static byte[] namedBits(int... bits) {
    int highest = Arrays.stream(bits).max().orElse(-1);
    if (highest < 0) {
      return tlv(BIT_STRING, new byte[] {0});
    }
    byte[] content = new byte[highest / 8 + 2];
    content[0] = (byte) (7 - highest % 8);
    for (int bit : bits) {
      if (bit < 0) {
        throw new IllegalArgumentException("negative bit number " + bit);
      }
      content[1 + bit / 8] |= (byte) (0x80 >>> (bit % 8));
    }
    return tlv(BIT_STRING, content);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(OCTET_STRING, bytes);
  }

  /** {@code [n] EXPLICIT}: a constructed context tag wrapping the whole inner TLV. */
  static byte[] explicit(int tagNumber, byte[] encoded) {
    return tlv(CONTEXT_CONSTRUCTED | lowTag(tagNumber), encoded);
  }

  /**
   * {@code [n] IMPLICIT} over a primitive type: the context tag replaces the type's own tag, so
   * only the content octets are given (for a GeneralName's dNSName [2] they are the IA5String's
   * octets, for its iPAddress [7] the address octets).
   */
  static byte[] implicit(int tagNumber, byte[] content) {
    return tlv(CONTEXT_PRIMITIVE | lowTag(tagNumber), content);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] ascii(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0x7F) {
        throw new IllegalArgumentException("not ASCII: " + value);
      }
    }
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  private static int lowTag(int tagNumber) {
    // Tag numbers from 31 on need the multi-octet form, which no certificate field here uses.
    if (tagNumber < 0 || tagNumber > 30) {
      throw new IllegalArgumentException("tag number out of range: " + tagNumber);
    }
    return tagNumber;
  }
}
