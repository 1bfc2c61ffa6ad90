/**
 * WebSocket mode on the Jakarta WebSocket client API (Tyrus with its JDK container): provider id
 * {@code websocket}. Start at {@link
 * io.agentchannel.transport.websocket.WebSocketTransportProvider}; its settings are {@link
 * io.agentchannel.transport.websocket.WebSocketTransportOptions}.
 */
package io.agentchannel.transport.websocket;
