package io.agentchannel.wire.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token usage of one response. {@code input_tokens} counts the whole context the model saw, as
 * billed, whether or not the client re-sent it.
 *
 * <p>The detail objects are kept as name → count maps so new counters ({@code cache_write_tokens}
 * appeared late) pass through; {@link #cachedTokens()} and {@link #reasoningTokens()} read the
 * common ones.
 *
 * @param inputTokens tokens of input processed
 * @param outputTokens tokens generated, reasoning included
 * @param totalTokens input plus output
 * @param inputTokensDetails {@code input_tokens_details}, or {@code null} when absent
 * @param outputTokensDetails {@code output_tokens_details}, or {@code null} when absent
 * @param extras every other field as read
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long totalTokens,
    Map<String, Long> inputTokensDetails,
    Map<String, Long> outputTokensDetails,
    Map<String, JsonNode> extras) {

  public Usage {
    inputTokensDetails = Frozen.mapOrNull(inputTokensDetails);
    outputTokensDetails = Frozen.mapOrNull(outputTokensDetails);
    extras = Frozen.map(extras);
  }

  /** Usage with the standard detail counters, as the service reports them. */
  public static Usage of(
      long inputTokens, long cachedTokens, long outputTokens, long reasoningTokens) {
    return new Usage(
        inputTokens,
        outputTokens,
        inputTokens + outputTokens,
        orderedOf("cached_tokens", cachedTokens, "cache_write_tokens", 0L),
        Map.of("reasoning_tokens", reasoningTokens),
        Map.of());
  }

  /** {@code input_tokens_details.cached_tokens}, 0 when absent. */
  public long cachedTokens() {
    return detail(inputTokensDetails, "cached_tokens");
  }

  /** {@code output_tokens_details.reasoning_tokens}, 0 when absent. */
  public long reasoningTokens() {
    return detail(outputTokensDetails, "reasoning_tokens");
  }

  private static Map<String, Long> orderedOf(String k1, long v1, String k2, long v2) {
    Map<String, Long> details = new LinkedHashMap<>();
    details.put(k1, v1);
    details.put(k2, v2);
    return details;
  }

  private static long detail(Map<String, Long> details, String name) {
    if (details == null) {
      return 0;
    }
    Long value = details.get(name);
    return value == null ? 0 : value;
  }
}
