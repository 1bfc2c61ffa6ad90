/**
 * The code examples of the repository's README, as compiled sources: {@code ReadmeExamplesTest}
 * checks that each README block is the region of its file between {@code // readme:start} and
 * {@code // readme:end}, and runs every example against the embedded simulator.
 */
package io.agentchannel.cli.examples;
