package io.agentchannel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An API key that does not leak: {@link #toString()} is redacted, so the key stays out of logs,
 * exception messages and the {@code toString()} of every type that holds one. Only {@link
 * #reveal()} returns it, and only transports call that, to write the {@code Authorization: Bearer}
 * header.
 */
public final class ApiKey {

  private final String value;

  private ApiKey(String value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException if the key is blank (the message does not repeat it)
   */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "API key");
    if (value.isBlank()) {
      throw new IllegalArgumentException("API key is blank");
    }
    return new ApiKey(value.strip());
  }

  /** The key itself. Write it only into the {@code Authorization} header. */
  public String reveal() {
    return value;
  }

  /** The value of an {@code Authorization} header carrying this key. */
  public String bearerHeader() {
    return "Bearer " + value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), key.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[redacted]";
  }
}
