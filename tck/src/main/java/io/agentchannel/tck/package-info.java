/**
 * The AgentChannel transport compatibility kit. A transport's test suite subclasses {@link
 * io.agentchannel.tck.TransportCompatibilityKit}, returns its provider, and runs every rule of
 * {@code tck/RULES.md} against an embedded simulator; {@link io.agentchannel.tck.TckTimeouts} holds
 * the kit's time limits. The rule areas are package-private superclasses of the kit, one per area
 * of RULES.md.
 */
package io.agentchannel.tck;
