/**
 * The bookkeeping behind {@link io.agentchannel.spi.websocket.WebSocketModeSession}: one response
 * on a connection and the lanes that route events to it. Not public API.
 */
package io.agentchannel.internal.websocket;
