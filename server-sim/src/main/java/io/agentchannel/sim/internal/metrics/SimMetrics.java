package io.agentchannel.sim.internal.metrics;

import static io.agentchannel.sim.data.SimStats.PHASE_FIRST_EVENT;
import static io.agentchannel.sim.data.SimStats.PHASE_TURN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.sim.data.SimStats;
import io.agentchannel.sim.data.SimStats.LatencySummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated server's live metrics: connections, turns, continuation cache, errors and
 * latencies, readable as a {@link SimStats} snapshot, as a Prometheus text page and as JSON.
 *
 * <p>Lifecycle: one instance per server, created before it accepts connections and kept for its
 * whole life. Counters only grow (the active-connection gauges go up and down); there is no reset
 * and nothing to close.
 *
 * <p>Threading: thread-safe. Every recording method may be called from any number of threads (for
 * example several event loops) at once and takes no lock once its label values have been seen:
 * counters are {@link LongAdder}s, active-connection gauges {@link AtomicLong}s, histograms {@link
 * LatencyHistogram}s, all found through {@link java.util.concurrent.ConcurrentHashMap} lookups. The
 * first use of a new label value takes a short lock to enforce the limits below (and so does every
 * use of a value those limits turned away). Reading ({@link #snapshot()}, {@link
 * #prometheusText()}, {@link #statsJson()}) never blocks recording; what it returns is exact per
 * counter but not one atomic cut across counters (see {@link SimStats}).
 *
 * <p>Limits: at most {@value #MAX_TRANSPORTS} transports, {@value #MAX_OUTCOMES} outcomes per
 * transport and {@value #MAX_ERROR_CODES} error keys are kept apart; further values are counted
 * under {@value SimStats#OTHER}, so the {@code /metrics} page stays bounded whatever the callers
 * pass. The transports {@value SimStats#TRANSPORT_HTTP} and {@value SimStats#TRANSPORT_WEBSOCKET}
 * and the five outcomes of {@link SimStats#turnsByOutcome()} exist from the start (with 0), so
 * their series are present before the first turn. Latency bucket bounds are {@link
 * LatencyHistogram#DEFAULT_BOUNDS_SECONDS}. Counters would wrap after {@link Long#MAX_VALUE}
 * events.
 */
public final class SimMetrics {

  /** Content type of {@link #prometheusText()}: Prometheus text exposition format 0.0.4. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Content type of {@link #statsJson()}. */
  public static final String JSON_CONTENT_TYPE = "application/json";

  /** Distinct transports kept apart; further transports count under {@code other}. */
  public static final int MAX_TRANSPORTS = 16;

  /** Distinct outcomes kept apart per transport; further outcomes count under {@code other}. */
  public static final int MAX_OUTCOMES = 16;

  /** Distinct error keys kept apart; further keys count under {@code other}. */
  public static final int MAX_ERROR_CODES = 128;

  /** Prefix of every metric name on the Prometheus page. */
  public static final String METRIC_PREFIX = "agentchannel_sim_";

  private static final List<String> TRANSPORTS =
      List.of(SimStats.TRANSPORT_HTTP, SimStats.TRANSPORT_WEBSOCKET);

  private static final List<String> OUTCOMES =
      List.of(
          SimStats.OUTCOME_COMPLETED,
          SimStats.OUTCOME_FAILED,
          SimStats.OUTCOME_INCOMPLETE,
          SimStats.OUTCOME_ERROR,
          SimStats.OUTCOME_CANCELLED);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BoundedLabels<TransportMetrics> transports =
      new BoundedLabels<>(MAX_TRANSPORTS, TransportMetrics::new);
  private final BoundedLabels<LongAdder> errors =
      new BoundedLabels<>(MAX_ERROR_CODES, LongAdder::new);
  private final LongAdder cacheHits = new LongAdder();
  private final LongAdder cacheMisses = new LongAdder();
  private final LongAdder rehydrations = new LongAdder();

  /** Metrics with every counter at 0. */
  public SimMetrics() {
    TRANSPORTS.forEach(transports::get);
  }

  /** Everything kept per transport. */
  private static final class TransportMetrics {
    final LongAdder opened = new LongAdder();
    final AtomicLong active = new AtomicLong();
    final BoundedLabels<LongAdder> turns = new BoundedLabels<>(MAX_OUTCOMES, LongAdder::new);
    final LatencyHistogram firstEvent = new LatencyHistogram();
    final LatencyHistogram turn = new LatencyHistogram();

    TransportMetrics() {
      OUTCOMES.forEach(turns::get);
    }
  }

  // ---------------------------------------------------------------------------------- recording

  /**
   * A connection was accepted.
   *
   * @param transport {@value SimStats#TRANSPORT_HTTP} or {@value SimStats#TRANSPORT_WEBSOCKET}
   */
  public void connectionOpened(String transport) {
    TransportMetrics metrics = transport(transport);
    metrics.opened.increment();
    metrics.active.incrementAndGet();
  }

  /**
   * A connection opened with {@link #connectionOpened(String)} on the same transport has closed.
   *
   * @throws IllegalStateException if the transport has no open connection (the gauge stays at 0)
   */
  public void connectionClosed(String transport) {
    TransportMetrics metrics = transport(transport);
    if (metrics.active.getAndUpdate(n -> n > 0 ? n - 1 : 0) == 0) {
      throw new IllegalStateException(
          "connectionClosed(\"" + transport + "\") without an open connection on that transport");
    }
  }

  /**
   * A turn has ended: counts it under its transport and outcome and records its latencies. Call it
   * once per turn, when the terminal event (or error) has been written or the turn was given up.
   *
   * @param transport {@value SimStats#TRANSPORT_HTTP} or {@value SimStats#TRANSPORT_WEBSOCKET}
   * @param outcome one of the outcomes of {@link SimStats#turnsByOutcome()}
   * @param firstEventNanos nanoseconds from the request received to the first event written, or -1
   *     when no event was written (then the first-event histogram is left alone)
   * @param turnNanos nanoseconds from the request received to the terminal event written (or to the
   *     moment the turn ended without one)
   * @throws IllegalArgumentException if {@code turnNanos} is negative or {@code firstEventNanos} is
   *     below -1; nothing is recorded then
   */
  public void turnFinished(String transport, String outcome, long firstEventNanos, long turnNanos) {
    Objects.requireNonNull(outcome, "outcome");
    if (turnNanos < 0) {
      throw new IllegalArgumentException("turnNanos is negative: " + turnNanos);
    }
    if (firstEventNanos < -1) {
      throw new IllegalArgumentException(
          "firstEventNanos is " + firstEventNanos + "; use -1 when no event was written");
    }
    TransportMetrics metrics = transport(transport);
    if (firstEventNanos >= 0) {
      metrics.firstEvent.record(firstEventNanos);
    }
    metrics.turn.record(turnNanos);
    metrics.turns.get(outcome).increment();
  }

  /** A WebSocket continuation was served from the connection-local cache. */
  public void cacheHit() {
    cacheHits.increment();
  }

  /** A WebSocket continuation's {@code previous_response_id} was not in the connection cache. */
  public void cacheMiss() {
    cacheMisses.increment();
  }

  /** A continuation was served by loading the previous response from the response store. */
  public void rehydration() {
    rehydrations.increment();
  }

  /**
   * An error was sent to a client.
   *
   * @param code the error key (see {@link #errorKey(String, int)}); {@code null} or blank counts as
   *     {@value SimStats#UNKNOWN_ERROR}
   */
  public void error(String code) {
    errors.get(code == null || code.isBlank() ? SimStats.UNKNOWN_ERROR : code).increment();
  }

  /**
   * An error was sent to a client; shorthand for {@code error(errorKey(code, httpStatus))}.
   *
   * @param code the {@code code} of the error object sent, or {@code null} when it had none
   * @param httpStatus the HTTP status sent with it (on an HTTP response, or in the {@code status}
   *     of a WebSocket {@code error} event), or 0 when there was none
   */
  public void error(String code, int httpStatus) {
    error(errorKey(code, httpStatus));
  }

  /**
   * The key an error is counted under: the error object's {@code code} as sent to the client when
   * it is not {@code null} or blank (for example {@code previous_response_not_found}); otherwise
   * {@code http_<status>} (for example {@code http_429}) when {@code httpStatus} is a valid HTTP
   * status (100 to 599); otherwise {@value SimStats#UNKNOWN_ERROR}. A code always wins over the
   * status, so a 429 sent with code {@code rate_limit_exceeded} counts as {@code
   * rate_limit_exceeded}, never as {@code http_429}.
   */
  public static String errorKey(String code, int httpStatus) {
    if (code != null && !code.isBlank()) {
      return code;
    }
    if (httpStatus >= 100 && httpStatus <= 599) {
      return "http_" + httpStatus;
    }
    return SimStats.UNKNOWN_ERROR;
  }

  private TransportMetrics transport(String transport) {
    return transports.get(Objects.requireNonNull(transport, "transport"));
  }

  // ------------------------------------------------------------------------------------ reading

  /** The current values as an immutable snapshot. */
  public SimStats snapshot() {
    long opened = 0;
    long active = 0;
    Map<String, Long> turnsByTransport = new HashMap<>();
    Map<String, Long> turnsByOutcome = new HashMap<>();
    Map<String, LatencySummary> latencies = new HashMap<>();
    for (Map.Entry<String, TransportMetrics> entry : transports.entries().entrySet()) {
      String transport = entry.getKey();
      TransportMetrics metrics = entry.getValue();
      opened += metrics.opened.sum();
      active += metrics.active.get();
      long turns = 0;
      for (Map.Entry<String, LongAdder> outcome : metrics.turns.entries().entrySet()) {
        long n = outcome.getValue().sum();
        turns += n;
        turnsByOutcome.merge(outcome.getKey(), n, Long::sum);
      }
      turnsByTransport.put(transport, turns);
      latencies.put(transport + "." + PHASE_FIRST_EVENT, metrics.firstEvent.snapshot().summary());
      latencies.put(transport + "." + PHASE_TURN, metrics.turn.snapshot().summary());
    }
    Map<String, Long> errorsByCode = new HashMap<>();
    errors.entries().forEach((code, n) -> errorsByCode.put(code, n.sum()));
    return new SimStats(
        opened,
        active,
        turnsByTransport,
        turnsByOutcome,
        cacheHits.sum(),
        cacheMisses.sum(),
        rehydrations.sum(),
        errorsByCode,
        latencies);
  }

  /**
   * The current values as a Prometheus text exposition (format 0.0.4, serve it with {@link
   * #PROMETHEUS_CONTENT_TYPE}). Every metric name starts with {@value #METRIC_PREFIX}; every family
   * has {@code # HELP} and {@code # TYPE} lines, even while it has no sample; samples are sorted by
   * label values; label values are escaped (backslash, double quote, line feed). Histograms have
   * cumulative {@code _bucket} samples up to {@code le="+Inf"}, then {@code _sum} (seconds) and
   * {@code _count}, which always equals the {@code +Inf} bucket. The text ends with a line feed.
   */
  public String prometheusText() {
    StringBuilder out = new StringBuilder(8192);
    Map<String, TransportMetrics> byTransport = new TreeMap<>(transports.entries());

    family(
        out,
        "connections_opened_total",
        "counter",
        "Connections accepted since the server started, by transport.");
    byTransport.forEach(
        (transport, m) ->
            sample(
                out,
                "connections_opened_total",
                labels("transport", transport),
                Long.toString(m.opened.sum())));

    family(out, "connections_active", "gauge", "Connections open now, by transport.");
    byTransport.forEach(
        (transport, m) ->
            sample(
                out,
                "connections_active",
                labels("transport", transport),
                Long.toString(m.active.get())));

    family(
        out,
        "turns_total",
        "counter",
        "Finished turns by transport and outcome (completed, failed, incomplete, error,"
            + " cancelled).");
    byTransport.forEach(
        (transport, m) ->
            new TreeMap<>(m.turns.entries())
                .forEach(
                    (outcome, n) ->
                        sample(
                            out,
                            "turns_total",
                            labels("transport", transport, "outcome", outcome),
                            Long.toString(n.sum()))));

    family(
        out,
        "cache_hits_total",
        "counter",
        "WebSocket continuations served from the connection-local cache.");
    sample(out, "cache_hits_total", "", Long.toString(cacheHits.sum()));

    family(
        out,
        "cache_misses_total",
        "counter",
        "WebSocket continuations whose previous_response_id was not in the connection-local"
            + " cache.");
    sample(out, "cache_misses_total", "", Long.toString(cacheMisses.sum()));

    family(
        out,
        "rehydrations_total",
        "counter",
        "Continuations served by loading the previous response from the response store.");
    sample(out, "rehydrations_total", "", Long.toString(rehydrations.sum()));

    family(
        out,
        "errors_total",
        "counter",
        "Errors sent to clients, by error code as sent (http_<status> when the error had no code).");
    new TreeMap<>(errors.entries())
        .forEach(
            (code, n) -> sample(out, "errors_total", labels("code", code), Long.toString(n.sum())));

    family(
        out,
        "first_event_seconds",
        "histogram",
        "Seconds from request received to first event written, by transport.");
    byTransport.forEach(
        (transport, m) -> histogram(out, "first_event_seconds", transport, m.firstEvent));

    family(
        out,
        "turn_seconds",
        "histogram",
        "Seconds from request received to terminal event written, by transport.");
    byTransport.forEach((transport, m) -> histogram(out, "turn_seconds", transport, m.turn));

    return out.toString();
  }

  /**
   * The current values as JSON (serve it with {@link #JSON_CONTENT_TYPE}); see {@link
   * #toJson(SimStats)}.
   */
  public String statsJson() {
    return toJson(snapshot());
  }

  /**
   * A snapshot as one JSON object with snake_case keys: {@code connections_opened}, {@code
   * connections_active}, {@code turns_by_transport}, {@code turns_by_outcome}, {@code cache_hits},
   * {@code cache_misses}, {@code rehydrations}, {@code errors_by_code} and {@code latencies}, whose
   * values are objects keyed {@code <transport>.<phase>} with {@code count}, {@code sum_seconds},
   * {@code p50_seconds}, {@code p99_seconds} and {@code max_seconds}. Map keys keep their sorted
   * order.
   */
  public static String toJson(SimStats stats) {
    ObjectNode root = JSON.createObjectNode();
    root.put("connections_opened", stats.connectionsOpened());
    root.put("connections_active", stats.connectionsActive());
    counts(root.putObject("turns_by_transport"), stats.turnsByTransport());
    counts(root.putObject("turns_by_outcome"), stats.turnsByOutcome());
    root.put("cache_hits", stats.cacheHits());
    root.put("cache_misses", stats.cacheMisses());
    root.put("rehydrations", stats.rehydrations());
    counts(root.putObject("errors_by_code"), stats.errorsByCode());
    ObjectNode latencies = root.putObject("latencies");
    stats
        .latencies()
        .forEach(
            (key, summary) ->
                latencies
                    .putObject(key)
                    .put("count", summary.count())
                    .put("sum_seconds", summary.sumSeconds())
                    .put("p50_seconds", summary.p50Seconds())
                    .put("p99_seconds", summary.p99Seconds())
                    .put("max_seconds", summary.maxSeconds()));
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      // A tree of strings and numbers always serialises; this would be a Jackson bug.
      throw new IllegalStateException("could not write the stats as JSON", e);
    }
  }

  private static void counts(ObjectNode node, Map<String, Long> counts) {
    counts.forEach(node::put);
  }

  // ------------------------------------------------------------------------- Prometheus writing

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(METRIC_PREFIX).append(name).append(' ');
    appendEscaped(out, help, false);
    out.append('\n');
    out.append("# TYPE ").append(METRIC_PREFIX).append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, String value) {
    out.append(METRIC_PREFIX).append(name).append(labels).append(' ').append(value).append('\n');
  }

  private static void histogram(
      StringBuilder out, String name, String transport, LatencyHistogram histogram) {
    LatencyHistogram.Snapshot snapshot = histogram.snapshot();
    for (int i = 0; i < snapshot.bucketCount(); i++) {
      sample(
          out,
          name + "_bucket",
          labels("transport", transport, "le", snapshot.upperBoundLabel(i)),
          Long.toString(snapshot.cumulativeCount(i)));
    }
    String labels = labels("transport", transport);
    sample(out, name + "_sum", labels, snapshot.sumSecondsText());
    sample(out, name + "_count", labels, Long.toString(snapshot.count()));
  }

  /** {@code {name="value",...}} from alternating names and values; values are escaped. */
  static String labels(String... namesAndValues) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (i > 0) {
        out.append(',');
      }
      out.append(namesAndValues[i]).append("=\"");
      appendEscaped(out, namesAndValues[i + 1], true);
      out.append('"');
    }
    return out.append('}').toString();
  }

  /**
   * Escapes text for the exposition format: backslash and line feed always, the double quote in
   * label values only (HELP text keeps it as is).
   */
  static void appendEscaped(StringBuilder out, String text, boolean labelValue) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(labelValue ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }
}
