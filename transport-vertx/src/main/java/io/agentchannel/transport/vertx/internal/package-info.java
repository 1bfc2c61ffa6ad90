/**
 * The implementation of the {@code vertx} transport: the Vert.x socket adapted to the shared
 * WebSocket-mode engine, ordered delivery off the event loop, and the per-session connection pool.
 * Not API: anything here may change.
 */
package io.agentchannel.transport.vertx.internal;
