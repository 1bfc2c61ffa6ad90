/** Pieces the commands share: the rollout driver seam, the read-only tools of {@code run}. */
package io.agentchannel.cli.internal;
