/**
 * The Responses API over HTTP + Server-Sent Events on {@code java.net.http}, transport id {@code
 * http}: select it with {@code agentchannel.transport=http}; its typed settings are {@link
 * io.agentchannel.transport.http.HttpTransportOptions}. The provider, found through {@link
 * java.util.ServiceLoader}, and the implementation live in {@code
 * io.agentchannel.transport.http.internal}, which the module does not export.
 */
package io.agentchannel.transport.http;
