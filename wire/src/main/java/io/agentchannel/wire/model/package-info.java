/**
 * The wire model of the Responses API: requests, items, responses and server events, as immutable
 * records.
 *
 * <p>Every record keeps the fields it does not type in an {@code extras} map (unknown events and
 * items are kept whole), so what a client or server sends survives a read and a write unchanged:
 * new API fields pass through before this library knows them. Use {@link
 * io.agentchannel.wire.WireCodec} to read and write them.
 */
package io.agentchannel.wire.model;
