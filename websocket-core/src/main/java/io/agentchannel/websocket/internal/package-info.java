/**
 * The bookkeeping behind {@link io.agentchannel.websocket.WebSocketModeSession}: one response on a
 * connection and the lanes that route events to it. Not public API.
 */
package io.agentchannel.websocket.internal;
