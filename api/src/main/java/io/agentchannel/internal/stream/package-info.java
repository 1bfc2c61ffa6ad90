/** The response stream implementation shared by every transport. Internal. */
package io.agentchannel.internal.stream;
