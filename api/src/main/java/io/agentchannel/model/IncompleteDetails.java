package io.agentchannel.model;

/**
 * Why a response ended {@code incomplete}.
 *
 * @param reason {@code max_output_tokens}, {@code content_filter} or {@code steered}
 */
public record IncompleteDetails(String reason) {}
