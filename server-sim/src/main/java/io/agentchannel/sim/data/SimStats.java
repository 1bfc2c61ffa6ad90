package io.agentchannel.sim.data;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A point-in-time snapshot of the simulated server's counters, as served by its JSON stats endpoint
 * and summarised on its {@code /metrics} page.
 *
 * <p>Lifecycle: taken on demand from the server's live metrics; it never changes afterwards and
 * does not follow later updates. Every counter counts from the moment the server started; nothing
 * is ever reset.
 *
 * <p>Threading: immutable and thread-safe. Each value was exact at some instant while the snapshot
 * was taken, but the values are not one atomic cut across all counters: a turn that finishes while
 * the snapshot is being taken may be in {@link #turnsByTransport()} and not yet in {@link
 * #latencies()}, for example.
 *
 * <p>Limits: maps are unmodifiable copies whose iteration order is their keys' natural (sorted)
 * order; keys and values are never {@code null} and every count is non-negative. The live metrics
 * bound the number of distinct transports, outcomes and error codes they keep apart; values beyond
 * that bound are counted together under the key {@value #OTHER}.
 *
 * @param connectionsOpened connections accepted since the server started, over all transports: one
 *     per HTTP connection (which may carry several requests) and one per WebSocket connection
 * @param connectionsActive connections open right now, over all transports
 * @param turnsByTransport finished turns by transport: {@value #TRANSPORT_HTTP} ({@code POST
 *     /v1/responses}, streamed or not) and {@value #TRANSPORT_WEBSOCKET} ({@code response.create}
 *     on a WebSocket connection). The server's snapshots always hold both keys, with 0 before their
 *     first turn
 * @param turnsByOutcome finished turns by outcome, over all transports: {@value
 *     #OUTCOME_COMPLETED}, {@value #OUTCOME_FAILED} and {@value #OUTCOME_INCOMPLETE} (the
 *     response's terminal status), {@value #OUTCOME_ERROR} (the turn ended with an error instead of
 *     a response: an HTTP error status or a WebSocket {@code error} event) and {@value
 *     #OUTCOME_CANCELLED} (the client went away or the turn was cancelled before its terminal
 *     event). The server's snapshots always hold these five keys
 * @param cacheHits WebSocket continuations whose {@code previous_response_id} was served from the
 *     connection-local cache of that WebSocket connection
 * @param cacheMisses WebSocket continuations whose {@code previous_response_id} was not in the
 *     connection-local cache (whether or not the response store then supplied it)
 * @param rehydrations continuations served by loading the previous response from the response
 *     store: every HTTP continuation, and every WebSocket cache miss whose previous response was
 *     stored ({@code store: true})
 * @param errorsByCode errors sent to clients, by error key. The key is the {@code code} of the
 *     error object as sent to the client (for example {@code previous_response_not_found} or {@code
 *     rate_limit_exceeded}) when it has a non-blank one; otherwise {@code http_<status>} (for
 *     example {@code http_429}) when the error carried an HTTP status, on an HTTP response or in
 *     the {@code status} of a WebSocket {@code error} event; otherwise {@value #UNKNOWN_ERROR}
 * @param latencies latency summaries keyed {@code <transport>.<phase>}, for example {@code
 *     http.turn}. Phase {@value #PHASE_FIRST_EVENT}: from the request received to the first event
 *     written (turns that wrote no event are not in it). Phase {@value #PHASE_TURN}: from the
 *     request received to the terminal event written (every finished turn). The server's snapshots
 *     always hold both phases of both transports, with a count of 0 before their first turn
 */
public record SimStats(
    long connectionsOpened,
    long connectionsActive,
    Map<String, Long> turnsByTransport,
    Map<String, Long> turnsByOutcome,
    long cacheHits,
    long cacheMisses,
    long rehydrations,
    Map<String, Long> errorsByCode,
    Map<String, LatencySummary> latencies) {

  /** Transport of {@code POST /v1/responses}, streamed (SSE) or not. */
  public static final String TRANSPORT_HTTP = "http";

  /** Transport of {@code response.create} messages on a WebSocket connection. */
  public static final String TRANSPORT_WEBSOCKET = "websocket";

  /** Outcome of a turn whose response ended with status {@code completed}. */
  public static final String OUTCOME_COMPLETED = "completed";

  /** Outcome of a turn whose response ended with status {@code failed}. */
  public static final String OUTCOME_FAILED = "failed";

  /** Outcome of a turn whose response ended with status {@code incomplete}. */
  public static final String OUTCOME_INCOMPLETE = "incomplete";

  /** Outcome of a turn that ended with an error instead of a response. */
  public static final String OUTCOME_ERROR = "error";

  /** Outcome of a turn cut short by the client or by cancellation before its terminal event. */
  public static final String OUTCOME_CANCELLED = "cancelled";

  /** Phase from the request received to the first event written. */
  public static final String PHASE_FIRST_EVENT = "first_event";

  /** Phase from the request received to the terminal event written. */
  public static final String PHASE_TURN = "turn";

  /** Error key of an error that had neither a {@code code} nor an HTTP status. */
  public static final String UNKNOWN_ERROR = "unknown";

  /** The key under which values beyond the live metrics' cardinality bound are counted. */
  public static final String OTHER = "other";

  /**
   * Copies the maps into unmodifiable, key-sorted maps.
   *
   * @throws NullPointerException if a map, key or value is {@code null}
   * @throws IllegalArgumentException if a count is negative
   */
  public SimStats {
    requireCount(connectionsOpened, "connectionsOpened");
    requireCount(connectionsActive, "connectionsActive");
    requireCount(cacheHits, "cacheHits");
    requireCount(cacheMisses, "cacheMisses");
    requireCount(rehydrations, "rehydrations");
    turnsByTransport = counts(turnsByTransport, "turnsByTransport");
    turnsByOutcome = counts(turnsByOutcome, "turnsByOutcome");
    errorsByCode = counts(errorsByCode, "errorsByCode");
    latencies = sorted(latencies, "latencies");
  }

  /** Finished turns of a transport, 0 when the transport has none. */
  public long turns(String transport) {
    return turnsByTransport.getOrDefault(Objects.requireNonNull(transport, "transport"), 0L);
  }

  /** Errors sent to clients under an error key (see {@link #errorsByCode()}), 0 when none. */
  public long errors(String code) {
    return errorsByCode.getOrDefault(Objects.requireNonNull(code, "code"), 0L);
  }

  /**
   * The latency summary of one transport and phase, or {@code null} when there is none.
   *
   * @param transport for example {@value #TRANSPORT_HTTP}
   * @param phase {@value #PHASE_FIRST_EVENT} or {@value #PHASE_TURN}
   */
  public LatencySummary latency(String transport, String phase) {
    return latencies.get(
        Objects.requireNonNull(transport, "transport")
            + "."
            + Objects.requireNonNull(phase, "phase"));
  }

  private static void requireCount(long value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is negative: " + value);
    }
  }

  private static Map<String, Long> counts(Map<String, Long> source, String name) {
    Map<String, Long> copy = sorted(source, name);
    copy.forEach((key, value) -> requireCount(value, name + "[" + key + "]"));
    return copy;
  }

  private static <V> Map<String, V> sorted(Map<String, V> source, String name) {
    Objects.requireNonNull(source, name);
    TreeMap<String, V> copy = new TreeMap<>();
    source.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, () -> name + " has a null key"),
                Objects.requireNonNull(value, () -> name + "[" + key + "] is null")));
    return Collections.unmodifiableMap(copy);
  }

  /**
   * A summary of one latency histogram.
   *
   * <p>Lifecycle and threading: an immutable, thread-safe value.
   *
   * <p>Limits: {@link #p50Seconds()} and {@link #p99Seconds()} are estimates from the histogram's
   * fixed buckets (linear interpolation inside the bucket that holds the quantile, capped at the
   * exact maximum), not exact sample quantiles: they are only as precise as the bucket they fall
   * in. {@link #count()}, {@link #sumSeconds()} and {@link #maxSeconds()} are exact (to the
   * nanosecond). With a count of 0 every other component is 0.
   *
   * @param count observations
   * @param sumSeconds sum of all observations, in seconds
   * @param p50Seconds median estimate, in seconds
   * @param p99Seconds 99th percentile estimate, in seconds
   * @param maxSeconds largest observation, in seconds
   */
  public record LatencySummary(
      long count, double sumSeconds, double p50Seconds, double p99Seconds, double maxSeconds) {

    /** A summary of no observations. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0);

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the count is negative or a duration is negative or not
     *     finite
     */
    public LatencySummary {
      requireCount(count, "count");
      requireSeconds(sumSeconds, "sumSeconds");
      requireSeconds(p50Seconds, "p50Seconds");
      requireSeconds(p99Seconds, "p99Seconds");
      requireSeconds(maxSeconds, "maxSeconds");
    }

    private static void requireSeconds(double value, String name) {
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " is not a finite non-negative number: " + value);
      }
    }
  }
}
