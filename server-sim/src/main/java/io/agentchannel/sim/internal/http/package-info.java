/** The HTTP endpoints: JSON and SSE responses, stored responses, errors, metrics pages. */
package io.agentchannel.sim.internal.http;
