/**
 * The transport SPI: what a transport module implements so that every AgentChannel user can switch
 * to it by configuration. Start at {@link io.agentchannel.spi.TransportProvider}; prove an
 * implementation with the TCK ({@code agentchannel-tck}).
 */
package io.agentchannel.spi;
