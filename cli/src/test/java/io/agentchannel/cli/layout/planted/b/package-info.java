/** Planted cycle fixture. */
package io.agentchannel.cli.layout.planted.b;
