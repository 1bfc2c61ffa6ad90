package io.agentchannel.internal.config;

import io.agentchannel.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Loads a trust store named by settings, and turns trust material into JSSE objects. */
public final class TrustStores {

  public static final String DEFAULT_TYPE = "PKCS12";

  private TrustStores() {}

  /**
   * Loads the file, failing with a {@link ConfigurationException} on {@code
   * agentchannel.tls.trust-store} that says what is wrong (missing, unreadable, wrong type or
   * password) without repeating the password.
   */
  public static KeyStore load(String path, String source, String type, char[] password) {
    Path file = Path.of(path);
    KeyStore store;
    try {
      store = KeyStore.getInstance(type);
    } catch (KeyStoreException e) {
      throw new ConfigurationException(
          ConfigKeys.TLS_TRUST_STORE_TYPE,
          ConfigKeys.TLS_TRUST_STORE_TYPE
              + " = \""
              + type
              + "\" is not a key store type this JDK knows. For example: PKCS12 or JKS");
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    } catch (NoSuchFileException e) {
      throw problem(file, source, "the file does not exist", null);
    } catch (IOException | GeneralSecurityException e) {
      // KeyStore reports a wrong password or type as an IOException: say both are possible.
      throw problem(
          file,
          source,
          "it cannot be read as a " + type + " key store (wrong type or password?): " + e,
          e);
    }
    try {
      if (store.size() == 0) {
        throw problem(file, source, "it holds no certificate, so it would trust nothing", null);
      }
    } catch (KeyStoreException e) {
      throw problem(file, source, e.toString(), e);
    }
    return store;
  }

  /** A factory trusting exactly {@code store}, or the JDK's default CAs when it is null. */
  public static TrustManagerFactory trustManagerFactory(KeyStore store) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build a trust manager: " + e, e);
    }
  }

  /** A TLS context that verifies peers against {@code factory}'s trust managers. */
  public static SSLContext sslContext(TrustManagerFactory factory) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot build a TLS context: " + e, e);
    }
  }

  private static ConfigurationException problem(
      Path file, String source, String reason, Throwable cause) {
    return new ConfigurationException(
        ConfigKeys.TLS_TRUST_STORE,
        ConfigKeys.TLS_TRUST_STORE
            + " = \""
            + file
            + "\" (from "
            + source
            + ") is invalid: "
            + reason,
        cause);
  }
}
