/**
 * The simulator's throughput benchmark (JMH, run with the {@code jmh} profile) and its baseline, a
 * raw Vert.x WebSocket server that sends pre-serialized frames.
 */
package io.agentchannel.sim.bench;
