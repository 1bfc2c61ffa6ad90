package io.agentchannel.sim.data;

import io.agentchannel.sim.internal.fault.Fault;
import io.agentchannel.sim.internal.refusal.SimError;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a {@link io.agentchannel.sim.SimServer} is started with. Immutable; build one with
 * {@link #builder()}.
 *
 * @param host the interface to bind, {@code 127.0.0.1} by default
 * @param port the port to bind; {@code 0} (the default) picks a free one
 * @param apiKeys the accepted bearer keys; empty (the default) turns authentication off
 * @param webSocketMode which WebSocket mode {@code GET /v1/responses} offers, {@link
 *     WebSocketMode#V2} by default
 * @param inFlightPolicy what a {@link WebSocketMode#V1} connection does with a second create
 * @param connectionLimit the age at which a WebSocket connection is refused further turns with
 *     {@code websocket_connection_limit_reached}; the service's is 60 minutes
 * @param clock the clock of {@code created_at} and of connection age; tests inject their own
 * @param defaultModel the model that answers a request whose {@code model} names none of the
 *     simulator's ({@code echo}, {@code tool-loop}, {@code script:<name>}); {@code echo} by default
 * @param toolCalls how many function calls {@code tool-loop} makes before it answers, unless the
 *     user message says otherwise
 * @param seed the seed of every random choice: ids, jitter, tool arguments, seeded faults
 * @param cost what a turn costs, {@link CostProfile#instant()} by default
 * @param network the emulated network path in front of the server, none by default
 * @param tls whether to serve TLS with a certificate generated at start
 * @param faultRates seeded per-request fault probabilities: fault directive to probability in
 *     {@code [0, 1]}, e.g. {@code "close_after:3" -> 0.01}
 * @param scenarioDirectory where {@code script:<name>} scenarios are read from ({@code
 *     <name>.json}, overriding a class path {@code sim-scenarios/<name>.json}), or {@code null} for
 *     the class path only; the format is described in {@code SCENARIOS.md}
 * @param maxRequestBytes the largest HTTP body or WebSocket message accepted
 * @param eventLoops how many event loops serve connections
 */
public record SimOptions(
    String host,
    int port,
    Set<String> apiKeys,
    WebSocketMode webSocketMode,
    InFlightPolicy inFlightPolicy,
    Duration connectionLimit,
    Clock clock,
    String defaultModel,
    int toolCalls,
    long seed,
    CostProfile cost,
    NetworkProfile network,
    boolean tls,
    Map<String, Double> faultRates,
    Path scenarioDirectory,
    int maxRequestBytes,
    int eventLoops) {

  private static void checkDirective(String directive) {
    try {
      Fault.parse(directive, "faultRates");
    } catch (SimError e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The service's WebSocket connection lifetime. */
  public static final Duration SERVICE_CONNECTION_LIMIT = Duration.ofMinutes(60);

  public SimOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be within [0, 65535], got " + port);
    }
    apiKeys = Set.copyOf(apiKeys);
    Objects.requireNonNull(webSocketMode, "webSocketMode");
    Objects.requireNonNull(inFlightPolicy, "inFlightPolicy");
    Objects.requireNonNull(connectionLimit, "connectionLimit");
    if (connectionLimit.isNegative() || connectionLimit.isZero()) {
      throw new IllegalArgumentException(
          "connectionLimit must be positive, got " + connectionLimit);
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(defaultModel, "defaultModel");
    if (toolCalls < 0) {
      throw new IllegalArgumentException("toolCalls must not be negative, got " + toolCalls);
    }
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(network, "network");
    faultRates = Map.copyOf(faultRates);
    faultRates.forEach(
        (fault, p) -> {
          if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(
                "fault rate of '" + fault + "' must be within [0, 1], got " + p);
          }
          checkDirective(fault);
        });
    if (maxRequestBytes < 1024) {
      throw new IllegalArgumentException(
          "maxRequestBytes must be at least 1024, got " + maxRequestBytes);
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1, got " + eventLoops);
    }
  }

  /** Like the record's, but the API keys are counted, never shown. */
  @Override
  public String toString() {
    return "SimOptions[host=%s, port=%d, apiKeys=<%d redacted>, webSocketMode=%s, inFlightPolicy=%s, connectionLimit=%s, defaultModel=%s, toolCalls=%d, seed=%d, cost=%s, network=%s, tls=%s, faultRates=%s, scenarioDirectory=%s, maxRequestBytes=%d, eventLoops=%d]"
        .formatted(
            host,
            port,
            apiKeys.size(),
            webSocketMode,
            inFlightPolicy,
            connectionLimit,
            defaultModel,
            toolCalls,
            seed,
            cost,
            network,
            tls,
            faultRates,
            scenarioDirectory,
            maxRequestBytes,
            eventLoops);
  }

  /** The defaults: loopback, free port, no auth, WebSocket v2, instant, no network delay. */
  public static SimOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link SimOptions}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Set<String> apiKeys = Set.of();
    private WebSocketMode webSocketMode = WebSocketMode.V2;
    private InFlightPolicy inFlightPolicy = InFlightPolicy.QUEUE;
    private Duration connectionLimit = SERVICE_CONNECTION_LIMIT;
    private Clock clock = Clock.systemUTC();
    private String defaultModel = "echo";
    private int toolCalls = 3;
    private long seed;
    private CostProfile cost = CostProfile.instant();
    private NetworkProfile network = NetworkProfile.none();
    private boolean tls;
    private Map<String, Double> faultRates = new LinkedHashMap<>();
    private Path scenarioDirectory;
    private int maxRequestBytes = 16 * 1024 * 1024;
    private int eventLoops = Math.min(2, Runtime.getRuntime().availableProcessors());

    private Builder() {}

    private Builder(SimOptions o) {
      host = o.host;
      port = o.port;
      apiKeys = o.apiKeys;
      webSocketMode = o.webSocketMode;
      inFlightPolicy = o.inFlightPolicy;
      connectionLimit = o.connectionLimit;
      clock = o.clock;
      defaultModel = o.defaultModel;
      toolCalls = o.toolCalls;
      seed = o.seed;
      cost = o.cost;
      network = o.network;
      tls = o.tls;
      faultRates = new LinkedHashMap<>(o.faultRates);
      scenarioDirectory = o.scenarioDirectory;
      maxRequestBytes = o.maxRequestBytes;
      eventLoops = o.eventLoops;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder apiKeys(String... keys) {
      this.apiKeys = Set.of(keys);
      return this;
    }

    public Builder apiKeys(Set<String> keys) {
      this.apiKeys = keys;
      return this;
    }

    public Builder webSocketMode(WebSocketMode mode) {
      this.webSocketMode = mode;
      return this;
    }

    public Builder inFlightPolicy(InFlightPolicy policy) {
      this.inFlightPolicy = policy;
      return this;
    }

    public Builder connectionLimit(Duration limit) {
      this.connectionLimit = limit;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder defaultModel(String model) {
      this.defaultModel = model;
      return this;
    }

    public Builder toolCalls(int calls) {
      this.toolCalls = calls;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder cost(CostProfile cost) {
      this.cost = cost;
      return this;
    }

    public Builder network(NetworkProfile network) {
      this.network = network;
      return this;
    }

    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Adds a seeded fault: each request gets {@code directive} with {@code probability}.
     *
     * @throws IllegalArgumentException naming the directive when it is not a valid one
     */
    public Builder faultRate(String directive, double probability) {
      checkDirective(directive);
      this.faultRates.put(directive, probability);
      return this;
    }

    public Builder scenarioDirectory(Path directory) {
      this.scenarioDirectory = directory;
      return this;
    }

    public Builder maxRequestBytes(int bytes) {
      this.maxRequestBytes = bytes;
      return this;
    }

    public Builder eventLoops(int loops) {
      this.eventLoops = loops;
      return this;
    }

    public SimOptions build() {
      return new SimOptions(
          host,
          port,
          apiKeys,
          webSocketMode,
          inFlightPolicy,
          connectionLimit,
          clock,
          defaultModel,
          toolCalls,
          seed,
          cost,
          network,
          tls,
          faultRates,
          scenarioDirectory,
          maxRequestBytes,
          eventLoops);
    }
  }
}
