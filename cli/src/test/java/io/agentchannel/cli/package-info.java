/** Tests of the agentchannel command. */
package io.agentchannel.cli;
