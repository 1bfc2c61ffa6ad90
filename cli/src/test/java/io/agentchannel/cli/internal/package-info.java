/** Tests of the cli's internal pieces. */
package io.agentchannel.cli.internal;
