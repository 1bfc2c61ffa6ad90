package io.agentchannel.internal.config;

/**
 * A setting's text and where it came from, in the words messages use ({@code system property
 * agentchannel.transport}, {@code environment variable OPENAI_API_KEY}, ...).
 */
public record ResolvedSetting(String key, String value, String source) {}
