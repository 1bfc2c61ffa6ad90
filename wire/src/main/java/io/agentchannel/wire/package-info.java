/**
 * Reading and writing the Responses API's JSON: server events (SSE {@code data:} payloads and
 * WebSocket text frames), create requests (HTTP body and {@code response.create} frame), response
 * objects, items and HTTP error bodies. Start at {@link io.agentchannel.wire.WireCodec}.
 */
package io.agentchannel.wire;
