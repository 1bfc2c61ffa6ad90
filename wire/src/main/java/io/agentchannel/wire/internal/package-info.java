/**
 * The wire codec behind {@link io.agentchannel.wire.WireCodec}: streaming readers and writers for
 * the Responses API's JSON, one class per concern. Not public API.
 *
 * <p>Readers work on a Jackson {@code JsonParser} in one pass; writers drive a {@code
 * JsonGenerator} directly. Field errors travel as {@link
 * io.agentchannel.wire.internal.WireException}, a cheap internal exception that collects the field
 * path on its way out, and become a {@link io.agentchannel.error.ProtocolViolationException} (with
 * a bounded excerpt of the input) at the entry points.
 */
package io.agentchannel.wire.internal;
