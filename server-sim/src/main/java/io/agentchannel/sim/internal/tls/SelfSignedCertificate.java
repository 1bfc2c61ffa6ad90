package io.agentchannel.sim.internal.tls;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS server certificate made at start, so the simulator can serve {@code https} and {@code wss}
 * with no certificate files and no external tools: an EC P-256 key pair and a self-signed X.509 v3
 * certificate (subject and issuer {@value #SUBJECT}) whose subjectAltName lists the host names and
 * IP addresses clients connect to.
 *
 * <p>Clients trust exactly this certificate: {@link #clientSslContext()} for {@code
 * java.net.http.HttpClient} and other JDK clients, {@link #trustOptions()} for Vert.x clients,
 * {@link #writeTrustStore(Path, char[])} or {@link #certificatePem()} for a process that connects
 * to a standalone simulator. Certificate and host-name verification stay on: the certificate is its
 * own trust anchor, and host names are checked against its subjectAltName (a client connecting to
 * {@code 127.0.0.1} needs that IP address in it, a common name is never consulted).
 *
 * <p>Lifecycle: {@link #generate(List)} makes a new key pair and certificate each call (a few
 * milliseconds); nothing is cached or written anywhere unless {@link #writeTrustStore(Path,
 * char[])} is called. The certificate is valid from one day before generation (clock skew between
 * processes) to {@value #VALIDITY_DAYS} days after.
 *
 * <p>Threading: immutable and thread-safe. The accessors that return mutable JDK or Vert.x objects
 * ({@link KeyStore}, {@link SSLContext}, Vert.x options) build a new one on each call.
 *
 * <p>Limits: for tests and development only. The key is EC P-256 with SHA256withECDSA, which every
 * TLS 1.2 and 1.3 stack accepts; the private key lives in memory unencrypted, and {@link
 * #privateKeyPem()} hands it out as unencrypted PKCS#8. There is no renewal: a process running
 * longer than {@value #VALIDITY_DAYS} days needs a new certificate. {@link #toString()} never shows
 * the private key.
 */
public final class SelfSignedCertificate {

  private static final String COMMON_NAME = "AgentChannel server-sim";

  /** The subject and issuer distinguished name. */
  public static final String SUBJECT = "CN=" + COMMON_NAME;

  /** Days the certificate stays valid after generation. */
  public static final int VALIDITY_DAYS = 30;

  /** What {@link #generate()} puts in the subjectAltName: the loopback names and addresses. */
  public static final List<String> DEFAULT_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final Duration BACKDATE = Duration.ofDays(1);
  private static final String TRUST_ALIAS = "agentchannel-server-sim";

  private static final String OID_COMMON_NAME = "2.5.4.3";
  private static final String OID_ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String OID_KEY_USAGE = "2.5.29.15";
  private static final String OID_SUBJECT_ALT_NAME = "2.5.29.17";
  private static final String OID_BASIC_CONSTRAINTS = "2.5.29.19";
  private static final String OID_EXTENDED_KEY_USAGE = "2.5.29.37";
  private static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
  private static final int GENERAL_NAME_DNS = 2;
  private static final int GENERAL_NAME_IP = 7;

  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  // Only hex digits, colons and dots (an embedded IPv4 tail): InetAddress then parses the literal
  // and never falls back to a DNS lookup.
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern DNS_NAME =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final List<String> subjectAltNames;
  private final String certificatePem;
  private final String privateKeyPem;

  private SelfSignedCertificate(
      X509Certificate certificate, PrivateKey privateKey, List<String> subjectAltNames) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.subjectAltNames = subjectAltNames;
    this.certificatePem = pem("CERTIFICATE", encoded(certificate));
    this.privateKeyPem = pem("PRIVATE KEY", privateKey.getEncoded());
  }

  /** A certificate for {@link #DEFAULT_NAMES}, valid from now. */
  public static SelfSignedCertificate generate() {
    return generate(DEFAULT_NAMES);
  }

  /**
   * A certificate for the given names, valid from now.
   *
   * @param subjectAltNames host names (dNSName entries; a leading {@code *.} makes a wildcard) and
   *     IPv4 or IPv6 literals (iPAddress entries; {@code [::1]} is taken as {@code ::1}); never
   *     resolved
   * @throws IllegalArgumentException if the list is empty or a name is neither a valid host name
   *     nor an IP literal
   */
  public static SelfSignedCertificate generate(List<String> subjectAltNames) {
    return generate(subjectAltNames, Clock.systemUTC());
  }

  /**
   * A certificate for the given names, valid from {@code clock.instant()} minus one day to plus
   * {@value #VALIDITY_DAYS} days (to whole seconds).
   *
   * @throws IllegalArgumentException as {@link #generate(List)}
   */
  public static SelfSignedCertificate generate(List<String> subjectAltNames, Clock clock) {
    Objects.requireNonNull(subjectAltNames, "subjectAltNames");
    Objects.requireNonNull(clock, "clock");
    if (subjectAltNames.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one subjectAltName");
    }
    List<String> names = new ArrayList<>();
    List<byte[]> generalNames = new ArrayList<>();
    for (String name : subjectAltNames) {
      String clean = Objects.requireNonNull(name, "subjectAltName").strip();
      names.add(clean);
      generalNames.add(generalName(clean));
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair keyPair = generator.generateKeyPair();
      Instant now = clock.instant();
      byte[] der =
          sign(
              keyPair,
              serialNumber(),
              now.minus(BACKDATE),
              now.plus(Duration.ofDays(VALIDITY_DAYS)),
              generalNames.toArray(byte[][]::new));
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      // Catch an encoding slip here, not as an opaque handshake failure in some client.
      certificate.verify(keyPair.getPublic());
      return new SelfSignedCertificate(certificate, keyPair.getPrivate(), List.copyOf(names));
    } catch (GeneralSecurityException e) {
      // EC P-256 and SHA256withECDSA are in every JDK 17, so this is a broken runtime.
      throw new IllegalStateException("cannot generate a self-signed certificate", e);
    }
  }

  /** The certificate, as the JDK parsed it. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's private key (EC P-256). */
  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The certificate as one PEM {@code CERTIFICATE} block. */
  public String certificatePem() {
    return certificatePem;
  }

  /** The private key as one unencrypted PEM {@code PRIVATE KEY} (PKCS#8) block. */
  public String privateKeyPem() {
    return privateKeyPem;
  }

  /**
   * A new in-memory PKCS#12 key store holding the certificate as its only entry, a trusted
   * certificate entry (no private key).
   */
  public KeyStore trustStore() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry(TRUST_ALIAS, certificate);
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build an in-memory PKCS12 trust store", e);
    }
  }

  /**
   * A new client {@link SSLContext} that trusts this certificate and nothing else (not the JDK's
   * default CAs). Host-name checking is the client's part: {@code java.net.http.HttpClient} does it
   * by default; a plain {@code SSLSocket} or {@code SSLEngine} from this context does it only when
   * its endpoint identification algorithm is set to {@code HTTPS}.
   */
  public SSLContext clientSslContext() {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a client SSLContext", e);
    }
  }

  /** New Vert.x server key and certificate options holding the PEM values (no files). */
  public PemKeyCertOptions keyCertOptions() {
    return new PemKeyCertOptions()
        .setKeyValue(Buffer.buffer(privateKeyPem))
        .setCertValue(Buffer.buffer(certificatePem));
  }

  /** New Vert.x client trust options that trust this certificate. */
  public PemTrustOptions trustOptions() {
    return new PemTrustOptions().addCertValue(Buffer.buffer(certificatePem));
  }

  /**
   * Writes {@link #trustStore()} to a PKCS#12 file (created or replaced), for a client in another
   * process; the parent directory must exist.
   *
   * @return {@code file}
   * @throws IOException if the file cannot be written
   */
  public Path writeTrustStore(Path file, char[] password) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    KeyStore store = trustStore();
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot write a PKCS12 trust store", e);
    }
    return file;
  }

  /** Subject, names, expiry and SHA-256 fingerprint; never the private key. */
  @Override
  public String toString() {
    return "SelfSignedCertificate["
        + SUBJECT
        + ", subjectAltNames="
        + subjectAltNames
        + ", notAfter="
        + certificate.getNotAfter().toInstant()
        + ", sha256="
        + fingerprint()
        + "]";
  }

  private String fingerprint() {
    try {
      return HexFormat.of()
          .withUpperCase()
          .withDelimiter(":")
          .formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(certificate)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no SHA-256", e);
    }
  }

  /**
   * The DER certificate (RFC 5280 4.1): a TBSCertificate, the signature algorithm again, and the
   * signature over the TBSCertificate's bytes.
   */
  private static byte[] sign(
      KeyPair keyPair,
      BigInteger serial,
      Instant notBefore,
      Instant notAfter,
      byte[][] generalNames)
      throws GeneralSecurityException {
    // ECDSA signature algorithms carry no parameters: the field is absent, not NULL (RFC 5758 3.2).
    byte[] algorithm = Der.sequence(Der.oid(OID_ECDSA_WITH_SHA256));
    byte[] name =
        Der.sequence(Der.set(Der.sequence(Der.oid(OID_COMMON_NAME), Der.utf8String(COMMON_NAME))));
    byte[] tbs =
        Der.sequence(
            Der.explicit(0, Der.integer(2)), // version: v3, needed for extensions
            Der.integer(serial),
            algorithm,
            name, // issuer
            Der.sequence(Der.time(notBefore), Der.time(notAfter)),
            name, // subject
            keyPair.getPublic().getEncoded(), // already a DER SubjectPublicKeyInfo
            Der.explicit(3, Der.sequence(extensions(generalNames))));
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(keyPair.getPrivate(), RANDOM);
    signer.update(tbs);
    // The JDK's ECDSA signature is already the DER Ecdsa-Sig-Value X.509 wants.
    return Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
  }

  /**
   * The JDK (and so Vert.x on the JDK's TLS) checks only the subjectAltName here: a certificate
   * that is itself the trust anchor skips its end-entity checks. The rest describes a TLS server
   * leaf for stacks that do check, such as OpenSSL-based clients given the PEM.
   */
  private static byte[][] extensions(byte[][] generalNames) {
    return new byte[][] {
      // Clients match host names against this, never against the common name.
      extension(OID_SUBJECT_ALT_NAME, false, Der.sequence(generalNames)),
      // cA FALSE is the DEFAULT, so DER leaves an empty SEQUENCE: a leaf, not a CA.
      extension(OID_BASIC_CONSTRAINTS, true, Der.sequence()),
      extension(OID_KEY_USAGE, true, Der.namedBits(KEY_USAGE_DIGITAL_SIGNATURE)),
      extension(OID_EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(OID_SERVER_AUTH))),
    };
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    // critical is BOOLEAN DEFAULT FALSE: DER omits a default value rather than encode it.
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  /** An iPAddress [7] for an IP literal, else a dNSName [2]. */
  static byte[] generalName(String name) {
    String literal =
        name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    if (IPV4.matcher(literal).matches() || IPV6.matcher(literal).matches()) {
      try {
        return Der.implicit(GENERAL_NAME_IP, InetAddress.getByName(literal).getAddress());
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not a valid IP address: " + name, e);
      }
    }
    if (!DNS_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a host name or IP address: '" + name + "'");
    }
    return Der.implicit(GENERAL_NAME_DNS, Der.ascii(name));
  }

  /** Random, positive, 16 octets: RFC 5280 allows up to 20 and wants them unpredictable. */
  private static BigInteger serialNumber() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    // Top bit clear keeps it positive without a leading zero octet; the next bit set keeps the
    // length at exactly 16 octets.
    bytes[0] = (byte) ((bytes[0] & 0x3F) | 0x40);
    return new BigInteger(1, bytes);
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the certificate", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
