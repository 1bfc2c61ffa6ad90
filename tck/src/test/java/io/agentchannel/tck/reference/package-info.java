/** A small reference transport the kit's own tests run the kit against. */
package io.agentchannel.tck.reference;
