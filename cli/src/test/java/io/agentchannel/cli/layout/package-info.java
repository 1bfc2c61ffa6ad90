/** The layout rules of the whole distribution, checked on its compiled classes. */
package io.agentchannel.cli.layout;
