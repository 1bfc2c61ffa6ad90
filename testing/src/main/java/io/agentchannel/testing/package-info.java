/**
 * Test support for AgentChannel's users and for vendors of transports, shipped as a normal artifact
 * ({@code agentchannel-testing}, test scope): loopback proxies that count, delay, drop, stall or
 * swallow bytes; a mutable clock; a raw scripted server for the cases a real server never produces;
 * event builders and a recording subscriber. Everything binds to {@code 127.0.0.1} on an ephemeral
 * port and is closed with {@code close()}.
 */
package io.agentchannel.testing;
