/**
 * The Jakarta WebSocket adapter under the shared WebSocket-mode engine: the transport, the link
 * over one {@code jakarta.websocket.Session}, and (in one class) everything Tyrus-specific. Not
 * public API.
 */
package io.agentchannel.transport.websocket.internal;
