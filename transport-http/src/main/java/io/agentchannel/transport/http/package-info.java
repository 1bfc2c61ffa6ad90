/**
 * The Responses API over HTTP + Server-Sent Events on {@code java.net.http}: {@link
 * io.agentchannel.transport.http.HttpTransportProvider} (transport id {@code http}) and its typed
 * settings, {@link io.agentchannel.transport.http.HttpTransportOptions}. The implementation lives
 * in {@code io.agentchannel.transport.http.internal}.
 */
package io.agentchannel.transport.http;
