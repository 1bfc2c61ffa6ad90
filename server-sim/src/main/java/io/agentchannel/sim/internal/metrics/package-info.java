/**
 * The simulated server's metrics core: {@link io.agentchannel.sim.internal.metrics.SimMetrics}
 * counts connections, turns, continuation-cache use and errors and keeps latency histograms ({@link
 * io.agentchannel.sim.internal.metrics.LatencyHistogram}); it renders them as a {@link
 * io.agentchannel.sim.data.SimStats} snapshot, as a Prometheus text page (format 0.0.4) and as
 * JSON.
 *
 * <p>Plain Java and Jackson only: no Vert.x or other server types, so the server's handlers on any
 * event loop can call it directly. Everything here is thread-safe and lock-free once a label value
 * has been seen.
 *
 * <p>Not public API: nothing here is stable, and no public signature outside {@code internal}
 * packages exposes a type from here.
 */
package io.agentchannel.sim.internal.metrics;
