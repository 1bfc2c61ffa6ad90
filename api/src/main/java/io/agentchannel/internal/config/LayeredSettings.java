package io.agentchannel.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The five sources of settings, highest precedence first: code, system properties, environment,
 * properties file, defaults. Holds snapshots, not the live {@link System#getProperties()} or
 * environment, so a built options object never changes under its readers and is safe to share.
 */
public final class LayeredSettings {

  private final Map<String, String> code;
  private final Map<String, String> systemProperties;
  private final Map<String, String> environment;
  private final PropertiesFile file;
  private final Map<String, String> defaults;

  private LayeredSettings(
      Map<String, String> code,
      Map<String, String> systemProperties,
      Map<String, String> environment,
      PropertiesFile file,
      Map<String, String> defaults) {
    this.code = code;
    this.systemProperties = systemProperties;
    this.environment = environment;
    this.file = file;
    this.defaults = defaults;
  }

  /**
   * Copies what can matter: every code value, the {@code agentchannel.*} system properties, the
   * {@code AGENTCHANNEL_*} and {@code OPENAI_*} variables this library reads.
   */
  public static LayeredSettings snapshot(
      Map<String, String> code,
      Properties systemProperties,
      Map<String, String> environment,
      Map<String, String> defaults) {
    Map<String, String> props = new LinkedHashMap<>();
    for (String name : systemProperties.stringPropertyNames()) {
      if (name.startsWith(ConfigKeys.PREFIX)) {
        String value = systemProperties.getProperty(name);
        if (value != null) {
          props.put(name, value);
        }
      }
    }
    Map<String, String> env = new LinkedHashMap<>();
    environment.forEach(
        (name, value) -> {
          // An empty variable counts as unset: that is how shells, compose files and CI
          // templates leave a variable "off", and it lets OPENAI_API_KEY take over from an empty
          // AGENTCHANNEL_API_KEY.
          if (name != null
              && value != null
              && !value.isBlank()
              && EnvironmentNames.isRelevant(name)) {
            env.put(name, value);
          }
        });
    return new LayeredSettings(
        Map.copyOf(code), Map.copyOf(props), Map.copyOf(env), null, Map.copyOf(defaults));
  }

  /** The same layers with a properties file between environment and defaults. */
  public LayeredSettings withFile(PropertiesFile propertiesFile) {
    return new LayeredSettings(code, systemProperties, environment, propertiesFile, defaults);
  }

  /** The value of a key from the highest source that sets it, stripped of surrounding space. */
  public Optional<ResolvedSetting> lookup(String key) {
    String value = code.get(key);
    if (value != null) {
      return found(key, value, "code", key);
    }
    value = systemProperties.get(key);
    if (value != null) {
      return found(key, value, "system property " + key, key);
    }
    List<String> names = EnvironmentNames.lookupOrder(key);
    for (String name : names) {
      value = environment.get(name);
      if (value != null) {
        return found(key, value, "environment variable " + name, name);
      }
    }
    // The file cannot name another file: its path is settled before it is read.
    if (file != null && !key.equals(ConfigKeys.CONFIG_FILE)) {
      value = file.values().get(key);
      if (value != null) {
        return found(key, value, file.describe(key), key);
      }
    }
    value = defaults.get(key);
    if (value != null) {
      return found(key, value, "default", key);
    }
    return Optional.empty();
  }

  /** Where a key's value comes from, or {@code not set}. */
  public String sourceOf(String key) {
    return lookup(key).map(ResolvedSetting::source).orElse("not set");
  }

  public Map<String, String> code() {
    return code;
  }

  public Map<String, String> systemProperties() {
    return systemProperties;
  }

  public Map<String, String> environment() {
    return environment;
  }

  /** The properties file read, if one was named. */
  public Optional<PropertiesFile> file() {
    return Optional.ofNullable(file);
  }

  private static Optional<ResolvedSetting> found(
      String key, String value, String source, String name) {
    return Optional.of(new ResolvedSetting(key, value.strip(), source, name));
  }
}
