package io.agentchannel.internal.config;

import io.agentchannel.error.ConfigurationException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns resolved setting text into typed values, and failures into {@link ConfigurationException}s
 * that name the key, the source, the bad value and a good example. The API key's text is never put
 * in a message: neither when the key itself is malformed nor when it was pasted into another
 * setting by mistake.
 */
public final class SettingReader {

  private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/?#@\\s]*@");

  private final LayeredSettings settings;
  private final String secret;

  public SettingReader(LayeredSettings settings) {
    this(settings, null);
  }

  private SettingReader(LayeredSettings settings, String secret) {
    this.settings = settings;
    this.secret = secret;
  }

  /** A reader that also hides {@code secret} wherever it appears in a bad value. */
  public SettingReader hiding(String secret) {
    return new SettingReader(settings, secret);
  }

  /**
   * The parsed value of a key that has a default.
   *
   * @param parser throws {@link IllegalArgumentException} whose message is the reason
   */
  public <T> T read(String key, Function<String, T> parser, String example) {
    return readOptional(key, parser, example)
        .orElseThrow(() -> new IllegalStateException("no default for " + key));
  }

  /** The parsed value of a key, if any source sets it. */
  public <T> Optional<T> readOptional(String key, Function<String, T> parser, String example) {
    Optional<ResolvedSetting> resolved = settings.lookup(key);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    ResolvedSetting s = resolved.get();
    try {
      return Optional.of(parser.apply(s.value()));
    } catch (IllegalArgumentException e) {
      // No cause attached: library exceptions (NumberFormatException, ...) quote the raw value,
      // which shown() may have had to hide.
      throw new ConfigurationException(
          key,
          key
              + " = \""
              + shown(s.value())
              + "\" (from "
              + s.source()
              + ") is invalid: "
              + e.getMessage()
              + ". For example: "
              + s.name()
              + "="
              + example);
    }
  }

  /** Like {@link #readOptional} for a secret: the message states the problem, never the value. */
  public <T> Optional<T> readSecret(String key, Function<String, T> parser) {
    Optional<ResolvedSetting> resolved = settings.lookup(key);
    if (resolved.isEmpty()) {
      return Optional.empty();
    }
    ResolvedSetting s = resolved.get();
    try {
      return Optional.of(parser.apply(s.value()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          key,
          key + " (from " + s.source() + ") is invalid: " + e.getMessage() + " (value not shown)");
    }
  }

  private String shown(String value) {
    if (secret != null && value.contains(secret)) {
      return "<hidden: contains the API key>";
    }
    return URL_USER_INFO.matcher(value).replaceAll("<user info hidden>@");
  }
}
