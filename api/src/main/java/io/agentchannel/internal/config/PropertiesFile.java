package io.agentchannel.internal.config;

import io.agentchannel.error.ConfigurationException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The {@code agentchannel.*} entries of a properties file, read once. */
public record PropertiesFile(Path path, Map<String, String> values) {

  public PropertiesFile {
    values = Map.copyOf(values);
  }

  /**
   * Reads the file named by {@code agentchannel.config-file}. Text is UTF-8, or ISO-8859-1 when it
   * is not valid UTF-8 (as {@link java.util.PropertyResourceBundle} does), so files written by
   * either convention load.
   *
   * @param origin where the path came from, for the message
   * @throws ConfigurationException naming the path if it is not a readable file
   */
  public static PropertiesFile load(String pathText, String origin) {
    Path path;
    try {
      path = Path.of(pathText).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw failure(pathText, origin, "which is not a valid path (" + e.getReason() + ")", null);
    }
    if (!Files.exists(path)) {
      throw failure(path.toString(), origin, "which does not exist", null);
    }
    if (!Files.isRegularFile(path)) {
      throw failure(path.toString(), origin, "which is not a regular file", null);
    }
    Properties props;
    try {
      props = read(path, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      try {
        props = read(path, StandardCharsets.ISO_8859_1);
      } catch (IOException | IllegalArgumentException again) {
        throw unreadable(path, origin, again);
      }
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: Properties.load rejects a malformed unicode escape.
      throw unreadable(path, origin, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : props.stringPropertyNames()) {
      if (name.startsWith(ConfigKeys.PREFIX)) {
        values.put(name, props.getProperty(name));
      }
    }
    return new PropertiesFile(path, values);
  }

  /** Whether {@code pathText} names this file; {@code false} for text that is no path at all. */
  public boolean isAt(String pathText) {
    try {
      return path.equals(Path.of(pathText).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /** How {@code sourceOf} names a value from this file. */
  public String describe(String key) {
    return "properties file " + path + " (key " + key + ")";
  }

  private static Properties read(Path path, Charset charset) throws IOException {
    Properties props = new Properties();
    // The reader reports malformed input, which is what lets load() fall back to ISO-8859-1.
    try (Reader reader = Files.newBufferedReader(path, charset)) {
      props.load(reader);
    }
    return props;
  }

  private static ConfigurationException unreadable(Path path, String origin, Exception cause) {
    String detail = cause.getClass().getSimpleName();
    if (cause.getMessage() != null && !cause.getMessage().equals(path.toString())) {
      detail += ": " + cause.getMessage();
    }
    return failure(path.toString(), origin, "which cannot be read (" + detail + ")", cause);
  }

  private static ConfigurationException failure(
      String path, String origin, String problem, Throwable cause) {
    return new ConfigurationException(
        ConfigKeys.CONFIG_FILE,
        ConfigKeys.CONFIG_FILE
            + " (from "
            + origin
            + ") names the properties file "
            + path
            + ", "
            + problem
            + ". Point it at a readable file, or unset it.",
        cause);
  }
}
