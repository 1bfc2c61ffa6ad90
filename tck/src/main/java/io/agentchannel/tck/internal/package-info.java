/**
 * The kit's machinery: the per-test fixture over an embedded simulator, recording subscribers and
 * sinks, failure-message formatting and the report. Not an API: vendors use only {@link
 * io.agentchannel.tck.TransportCompatibilityKit} and {@link io.agentchannel.tck.TckTimeouts}.
 */
package io.agentchannel.tck.internal;
