/** Planted violations of the layout rules, so the rules' tests show the rules can fail. */
package io.agentchannel.cli.layout.planted;
