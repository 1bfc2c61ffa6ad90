/**
 * The HTTP transport's implementation: one {@code java.net.http.HttpClient} per transport, one
 * exchange per response, an incremental byte-level SSE parser feeding the shared codec, and the
 * mapping of HTTP failures to AgentChannel's typed errors. Not an API: nothing here is stable.
 */
package io.agentchannel.transport.http.internal;
