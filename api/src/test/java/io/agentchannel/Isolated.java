package io.agentchannel;

import java.util.Map;
import java.util.Properties;

/** Builders that never see this machine's real system properties or environment. */
final class Isolated {

  private Isolated() {}

  static AgentChannelOptions.Builder builder() {
    return builder(Map.of(), new Properties());
  }

  static AgentChannelOptions.Builder builder(Map<String, String> env) {
    return builder(env, new Properties());
  }

  static AgentChannelOptions.Builder builder(Properties props) {
    return builder(Map.of(), props);
  }

  static AgentChannelOptions.Builder builder(Map<String, String> env, Properties props) {
    return AgentChannelOptions.builder().environment(env).systemProperties(props);
  }

  static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }
}
