/**
 * The {@code vertx} transport: the Responses API's WebSocket mode on Vert.x core 5. Start at {@link
 * io.agentchannel.transport.vertx.VertxTransportProvider}; settings are {@link
 * io.agentchannel.transport.vertx.VertxTransportOptions}.
 */
package io.agentchannel.transport.vertx;
