package io.agentchannel.internal.config;

/**
 * A setting's text and where it came from.
 *
 * @param source in the words messages use ({@code system property agentchannel.transport}, {@code
 *     environment variable OPENAI_API_KEY}, ...)
 * @param name what the user wrote where the value is set: the environment variable's name, else the
 *     key, so an example in a message is one the user can paste back
 */
public record ResolvedSetting(String key, String value, String source, String name) {}
