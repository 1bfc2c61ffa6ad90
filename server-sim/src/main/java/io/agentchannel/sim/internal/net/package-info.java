/**
 * Network emulation by byte-level delay: {@link io.agentchannel.sim.internal.net.DelayProxy} sits
 * in front of the simulated server so that connects, handshakes, requests and frames pay a network
 * path's round trip, bandwidth and jitter while the server itself never sleeps. Internal: no
 * compatibility promise outside this module.
 */
package io.agentchannel.sim.internal.net;
