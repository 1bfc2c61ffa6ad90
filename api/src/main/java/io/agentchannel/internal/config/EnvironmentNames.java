package io.agentchannel.internal.config;

import java.util.List;
import java.util.Locale;

/**
 * Maps a setting key to the environment variables that may carry it: {@code
 * agentchannel.timeout.first-event} to {@code AGENTCHANNEL_TIMEOUT_FIRST_EVENT}, and for the two
 * settings other OpenAI clients share, their conventional variable after it.
 */
public final class EnvironmentNames {

  public static final String PREFIX = "AGENTCHANNEL_";
  public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
  public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";

  private EnvironmentNames() {}

  /** The {@code AGENTCHANNEL_*} name of a key: upper case, {@code .} and {@code -} as {@code _}. */
  public static String of(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The variables to consult for a key, first match wins. Our own name comes first so a user can
   * point AgentChannel elsewhere without disturbing other tools that read the {@code OPENAI_*}
   * variable of the same machine.
   */
  public static List<String> lookupOrder(String key) {
    return switch (key) {
      case ConfigKeys.API_KEY -> List.of(of(key), OPENAI_API_KEY);
      case ConfigKeys.BASE_URL -> List.of(of(key), OPENAI_BASE_URL);
      case ConfigKeys.NO_PROXY -> List.of(of(key), "NO_PROXY", "no_proxy");
      default -> List.of(of(key));
    };
  }

  /** Whether a variable can matter to some key, so a snapshot of the environment keeps it. */
  public static boolean isRelevant(String name) {
    return name.startsWith(PREFIX)
        || name.equals(OPENAI_API_KEY)
        || name.equals(OPENAI_BASE_URL)
        || ProxyRules.VARIABLES.contains(name);
  }
}
