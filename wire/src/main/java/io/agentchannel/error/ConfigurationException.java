package io.agentchannel.error;

/**
 * The settings cannot produce a working channel: an unknown transport id, a malformed value, a
 * missing API key. The message names the setting to change ({@link #setting()}) and, for choices,
 * the values that would work. It never repeats the value of the API key.
 */
public final class ConfigurationException extends AgentChannelException {

  private static final long serialVersionUID = 1L;

  private final String setting;

  public ConfigurationException(String setting, String message) {
    this(setting, message, null);
  }

  public ConfigurationException(String setting, String message, Throwable cause) {
    super(message, cause);
    this.setting = setting;
  }

  /** The setting at fault (for example {@code agentchannel.transport}), or {@code null}. */
  public String setting() {
    return setting;
  }
}
