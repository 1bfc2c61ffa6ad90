/**
 * WebSocket mode, written once for every WebSocket transport: routing of events by {@code
 * stream_id}, terminal detection, local queueing of sends (one in flight without lanes, sixteen
 * with them), the single writer, backpressure, per-phase deadlines, keep-alive and the
 * connection-limit error. A transport adapts its socket to {@link
 * io.agentchannel.websocket.spi.WebSocketLink}, feeds what its one reader receives into a {@link
 * io.agentchannel.websocket.WebSocketModeSession}, and maps a refused upgrade with {@link
 * io.agentchannel.websocket.UpgradeFailures}.
 */
package io.agentchannel.websocket;
