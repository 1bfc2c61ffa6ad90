/** Tests of the bench harness's parts. */
package io.agentchannel.cli.bench;
