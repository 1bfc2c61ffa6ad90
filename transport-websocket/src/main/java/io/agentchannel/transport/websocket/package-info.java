/**
 * WebSocket mode on the Jakarta WebSocket client API (Tyrus with its JDK container), transport id
 * {@code websocket}: select it with {@code agentchannel.transport=websocket}; its settings are
 * {@link io.agentchannel.transport.websocket.WebSocketTransportOptions}. The provider, found
 * through {@link java.util.ServiceLoader}, and the link to the shared engine live in {@code
 * io.agentchannel.transport.websocket.internal}, which the module does not export.
 */
package io.agentchannel.transport.websocket;
