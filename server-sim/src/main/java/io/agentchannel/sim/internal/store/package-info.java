/** The server-wide response store and the chained record of a finished response. */
package io.agentchannel.sim.internal.store;
