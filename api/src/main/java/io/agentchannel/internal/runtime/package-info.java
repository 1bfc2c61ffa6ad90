/**
 * What the channel runs conversations on: the session each conversation leases and the channel's
 * pool of them ({@link io.agentchannel.internal.runtime.SessionPool}, chosen by the transport's
 * capabilities), and the {@code auto} transport that falls back from WebSocket mode to HTTP. The
 * conversation and the agent loop themselves live beside their interfaces, in {@code
 * io.agentchannel.conversation} and {@code io.agentchannel.agent}.
 */
package io.agentchannel.internal.runtime;
