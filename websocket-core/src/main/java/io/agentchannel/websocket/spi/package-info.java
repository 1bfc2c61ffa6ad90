/**
 * What a WebSocket transport implements to run on the shared engine: {@link
 * io.agentchannel.websocket.spi.WebSocketLink}, the socket that moves frames. Everything about the
 * protocol (routing, lanes, deadlines, keep-alive) stays in {@link
 * io.agentchannel.websocket.WebSocketModeSession}; a link over a new client library is usually
 * under two hundred lines.
 */
package io.agentchannel.websocket.spi;
