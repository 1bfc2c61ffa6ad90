/**
 * The benchmark harness behind {@code agentchannel bench}: the latency and throughput suites, the
 * raw baseline, and the writers of the table, {@code results.json} and {@code report.html}.
 */
package io.agentchannel.cli.bench;
