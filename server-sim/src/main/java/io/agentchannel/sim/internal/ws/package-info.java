/** WebSocket mode: the upgrade, lanes, the connection-local cache and the age limit. */
package io.agentchannel.sim.internal.ws;
