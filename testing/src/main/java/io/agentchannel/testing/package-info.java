/**
 * Test support for AgentChannel's users and for vendors of transports, shipped as a normal artifact
 * ({@code agentchannel-testing}, test scope): {@link io.agentchannel.testing.LoopbackProxy}, a TCP
 * relay, HTTP forward proxy or silent peer that counts, delays, stalls and drops bytes; {@link
 * io.agentchannel.testing.RawServer}, a raw scripted HTTP and WebSocket server for the cases a real
 * server never produces; {@link io.agentchannel.testing.MutableClock}, a clock a test moves by
 * hand; {@link io.agentchannel.testing.Events}, event builders, and {@link
 * io.agentchannel.testing.RecordingSubscriber}. The network helpers use only the JDK, bind to
 * {@code 127.0.0.1} on an ephemeral port, run on named daemon threads, and free every socket and
 * thread on {@code close()}.
 */
package io.agentchannel.testing;
