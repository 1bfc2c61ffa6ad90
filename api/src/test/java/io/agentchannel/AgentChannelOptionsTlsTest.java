package io.agentchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.error.ConfigurationException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The common TLS settings every transport honours: a custom trust store, never "trust all". */
class AgentChannelOptionsTlsTest {

  private static final String PASSWORD = "s3cret-store-pass";

  @TempDir Path dir;

  /** A store holding one CA certificate the JDK trusts, so no key material is generated here. */
  private static KeyStore storeWithOneCertificate() throws Exception {
    TrustManagerFactory jdk =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    jdk.init((KeyStore) null);
    X509Certificate ca = ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers()[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    return store;
  }

  private Path write(KeyStore store, String password) throws Exception {
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static X509Certificate[] trusted(AgentChannelOptions options) {
    return ((X509TrustManager) options.trustManagerFactory().getTrustManagers()[0])
        .getAcceptedIssuers();
  }

  @Test
  void without_settings_the_jdk_cas_are_trusted() {
    AgentChannelOptions options = Isolated.builder().build();

    assertThat(options.trustStore()).isEmpty();
    assertThat(trusted(options)).hasSizeGreaterThan(1);
    assertThat(options.sslContext().getProtocol()).isEqualTo("TLS");
    assertThat(options.toString()).contains("trustStore=JDK default");
  }

  @Test
  void a_store_from_code_replaces_the_jdk_cas() throws Exception {
    KeyStore store = storeWithOneCertificate();
    AgentChannelOptions options = Isolated.builder().trustStore(store).build();

    assertThat(options.trustStore()).containsSame(store);
    assertThat(trusted(options)).hasSize(1);
    assertThat(options.toBuilder().build().trustStore()).containsSame(store);
    assertThat(options.toString()).contains("trustStore=custom");
  }

  @Test
  void a_store_file_from_the_environment_is_loaded_with_its_password() throws Exception {
    Path file = write(storeWithOneCertificate(), PASSWORD);
    AgentChannelOptions options =
        Isolated.builder(
                Map.of(
                    "AGENTCHANNEL_TLS_TRUST_STORE",
                    file.toString(),
                    "AGENTCHANNEL_TLS_TRUST_STORE_PASSWORD",
                    PASSWORD))
            .build();

    assertThat(options.trustStore()).isPresent();
    assertThat(trusted(options)).hasSize(1);
    assertThat(options.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void a_missing_store_file_names_the_setting_and_its_source() {
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .setting("agentchannel.tls.trust-store", dir.resolve("nope.p12").toString())
                    .build());

    assertThat(error.setting()).isEqualTo("agentchannel.tls.trust-store");
    assertThat(error.getMessage()).contains("nope.p12").contains("from code").contains("not exist");
  }

  @Test
  void a_wrong_password_is_reported_without_repeating_either_password() throws Exception {
    Path file = write(storeWithOneCertificate(), PASSWORD);
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .setting("agentchannel.tls.trust-store", file.toString())
                    .setting("agentchannel.tls.trust-store-password", "wrong-pass-123")
                    .build());

    assertThat(error.setting()).isEqualTo("agentchannel.tls.trust-store");
    assertThat(error.getMessage())
        .contains("wrong type or password")
        .doesNotContain(PASSWORD)
        .doesNotContain("wrong-pass-123");
  }

  @Test
  void an_unknown_store_type_names_the_type_setting() throws Exception {
    Path file = write(storeWithOneCertificate(), PASSWORD);
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .setting("agentchannel.tls.trust-store", file.toString())
                    .setting("agentchannel.tls.trust-store-type", "PEMX")
                    .build());

    assertThat(error.setting()).isEqualTo("agentchannel.tls.trust-store-type");
    assertThat(error.getMessage()).contains("PEMX");
  }

  @Test
  void an_empty_store_is_refused_because_it_would_trust_nothing() throws Exception {
    KeyStore empty = KeyStore.getInstance("PKCS12");
    empty.load(null, null);
    Path file = write(empty, PASSWORD);
    ConfigurationException error =
        catchThrowableOfType(
            ConfigurationException.class,
            () ->
                Isolated.builder()
                    .setting("agentchannel.tls.trust-store", file.toString())
                    .setting("agentchannel.tls.trust-store-password", PASSWORD)
                    .build());

    assertThat(error.getMessage()).contains("trust nothing");
  }
}
