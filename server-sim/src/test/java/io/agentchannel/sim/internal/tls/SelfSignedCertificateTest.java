package io.agentchannel.sim.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated certificate as the JDK reads it: structure, names, dates, key and trust stores. */
class SelfSignedCertificateTest {

  private static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

  @Test
  void pem_parses_and_verifies_with_its_own_key() throws Exception {
    X509Certificate parsed = parse(CERT.certificatePem());

    assertThat(parsed).isEqualTo(CERT.certificate());
    parsed.verify(parsed.getPublicKey());
    parsed.checkValidity();
    assertThat(parsed.getVersion()).isEqualTo(3);
    assertThat(parsed.getSigAlgOID()).isEqualTo("1.2.840.10045.4.3.2");
    assertThat(parsed.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(parsed.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(parsed.getSubjectX500Principal().getName())
        .isEqualTo("CN=AgentChannel server-sim")
        .isEqualTo(parsed.getIssuerX500Principal().getName());
  }

  @Test
  void default_names_are_the_loopback_names_and_addresses() throws Exception {
    assertThat(CERT.certificate().getSubjectAlternativeNames())
        .containsExactly(
            List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
  }

  @Test
  void names_become_dns_or_ip_entries() throws Exception {
    SelfSignedCertificate cert =
        SelfSignedCertificate.generate(
            List.of("sim.example.test", "*.example.test", "10.1.2.3", "fe80::1", "[::1]", "a"));

    assertThat(cert.certificate().getSubjectAlternativeNames())
        .containsExactly(
            List.of(2, "sim.example.test"),
            List.of(2, "*.example.test"),
            List.of(7, "10.1.2.3"),
            List.of(7, "fe80:0:0:0:0:0:0:1"),
            List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(2, "a"));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(
      strings = {"", "two words", "host:8080", "1:2:3:4:5:6:7:8:9", "fe80::1%eth0", "é.test"})
  void bad_names_are_rejected(String name) {
    assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of(name)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(name);
  }

  @Test
  void no_names_is_rejected() {
    assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void extensions_mark_a_tls_server_leaf() throws Exception {
    X509Certificate cert = CERT.certificate();

    assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
    assertThat(cert.getNonCriticalExtensionOIDs())
        .containsExactlyInAnyOrder("2.5.29.17", "2.5.29.37");
  }

  @Test
  void serial_is_random_positive_and_sixteen_octets() {
    X509Certificate other = SelfSignedCertificate.generate().certificate();

    assertThat(CERT.certificate().getSerialNumber()).isPositive();
    assertThat(CERT.certificate().getSerialNumber().toByteArray()).hasSize(16);
    assertThat(other.getSerialNumber()).isNotEqualTo(CERT.certificate().getSerialNumber());
    assertThat(other.getPublicKey()).isNotEqualTo(CERT.certificate().getPublicKey());
  }

  @Test
  void validity_is_one_day_back_to_thirty_days_ahead_in_whole_seconds() {
    Instant now = Instant.parse("2026-05-06T07:08:09.750Z");
    SelfSignedCertificate cert =
        SelfSignedCertificate.generate(List.of("localhost"), Clock.fixed(now, ZoneOffset.UTC));

    assertThat(cert.certificate().getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2026-05-05T07:08:09Z"));
    assertThat(cert.certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2026-06-05T07:08:09Z"));
  }

  @Test
  void validity_crossing_2050_switches_to_generalized_time() {
    Instant now = Instant.parse("2049-12-31T12:00:00Z");
    SelfSignedCertificate cert =
        SelfSignedCertificate.generate(List.of("localhost"), Clock.fixed(now, ZoneOffset.UTC));

    assertThat(cert.certificate().getNotBefore().toInstant())
        .isEqualTo(Instant.parse("2049-12-30T12:00:00Z"));
    assertThat(cert.certificate().getNotAfter().toInstant())
        .isEqualTo(Instant.parse("2050-01-30T12:00:00Z"));
  }

  @Test
  void private_key_pem_is_pkcs8_and_matches_the_certificate() throws Exception {
    String pem = CERT.privateKeyPem();
    assertThat(pem)
        .startsWith("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    byte[] der = Base64.getMimeDecoder().decode(body(pem));
    var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    assertThat(key).isEqualTo(CERT.privateKey());

    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key);
    signer.update(new byte[] {1, 2, 3});
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(CERT.certificate());
    verifier.update(new byte[] {1, 2, 3});
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void to_string_names_the_certificate_but_not_the_key() {
    String text = CERT.toString();

    assertThat(text).contains("AgentChannel server-sim", "localhost", "sha256=");
    assertThat(text).doesNotContain("PRIVATE", body(CERT.privateKeyPem()).substring(0, 20));
  }

  @Test
  void trust_store_holds_only_the_certificate() throws Exception {
    KeyStore store = CERT.trustStore();

    List<String> aliases = Collections.list(store.aliases());
    assertThat(aliases).hasSize(1);
    assertThat(store.isCertificateEntry(aliases.get(0))).isTrue();
    assertThat(store.getCertificate(aliases.get(0))).isEqualTo(CERT.certificate());
  }

  @Test
  void written_trust_store_loads_back(@TempDir Path dir) throws Exception {
    char[] password = "changeit".toCharArray();
    Path file = CERT.writeTrustStore(dir.resolve("sim-trust.p12"), password);

    KeyStore loaded = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      loaded.load(in, password);
    }
    String alias = Collections.list(loaded.aliases()).get(0);
    assertThat(loaded.size()).isEqualTo(1);
    assertThat(loaded.isCertificateEntry(alias)).isTrue();
    assertThat(loaded.getCertificate(alias)).isEqualTo(CERT.certificate());

    KeyStore wrongPassword = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      assertThatThrownBy(() -> wrongPassword.load(in, "wrong".toCharArray()))
          .isInstanceOf(IOException.class);
    }
  }

  private static X509Certificate parse(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static String body(String pem) {
    return pem.replaceAll("-----[A-Z ]+-----", "").replace("\n", "");
  }
}
