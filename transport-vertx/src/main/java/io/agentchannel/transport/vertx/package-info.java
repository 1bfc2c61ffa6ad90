/**
 * The {@code vertx} transport: the Responses API's WebSocket mode on Vert.x core 5. Select it with
 * {@code agentchannel.transport=vertx}; its settings are {@link
 * io.agentchannel.transport.vertx.VertxTransportOptions}. The provider, found through {@link
 * java.util.ServiceLoader}, and the implementation live in {@code
 * io.agentchannel.transport.vertx.internal}, which the module does not export.
 */
package io.agentchannel.transport.vertx;
