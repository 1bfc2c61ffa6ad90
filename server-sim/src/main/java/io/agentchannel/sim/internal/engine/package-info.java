/**
 * The simulated models and the event scripts they produce: plans, tokens, ids, the Response object
 * and the service's ordering of events.
 */
package io.agentchannel.sim.internal.engine;
