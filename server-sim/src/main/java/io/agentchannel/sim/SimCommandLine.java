package io.agentchannel.sim;

import io.agentchannel.sim.data.CostProfile;
import io.agentchannel.sim.data.InFlightPolicy;
import io.agentchannel.sim.data.NetworkProfile;
import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone simulator's command line, turned into {@link SimOptions}. Every flag is {@code
 * --name value} or {@code --name=value}; see {@link #USAGE}. A mistake is an {@link
 * IllegalArgumentException} that names the flag and what it expected. Stateless.
 */
public final class SimCommandLine {

  /** The help text. */
  public static final String USAGE =
      """
      Usage: sim [options]
        --host <host>                 interface to bind (default 127.0.0.1)
        --port <port>                 port to bind, 0 for a free one (default 8080)
        --profile <name>              cost profile: instant | openai-like (default instant)
        --websocket <mode>            off | v1 | v2 (default v2)
        --in-flight <policy>          v1 second create: queue | reject (default queue)
        --api-key <key>               accepted bearer key; repeat for more; none = no auth
                                      (the environment variable AGENTCHANNEL_SIM_API_KEYS may hold
                                      a comma-separated list instead, keeping keys out of ps)
        --seed <long>                 seed of ids, jitter, tool arguments, seeded faults (default 0)
        --model <name>                model for unknown names: echo | tool-loop (default echo)
        --tool-calls <n>              calls tool-loop makes before answering (default 3)
        --network <spec>              emulated path, e.g. rtt=40ms,bandwidth=100mbit,jitter=2ms
        --tls                         serve TLS with a certificate generated at start
        --trust-store-out <file>      with --tls: write the certificate as a PKCS12 trust store
                                      (password "changeit")
        --fault-rate <directive>=<p>  seeded fault per request, e.g. close_after:3=0.01; repeatable
        --scenarios <dir>             directory of script:<name> scenarios (<name>.json)
        --connection-limit <duration> WebSocket connection lifetime (default 60m)
        --event-loops <n>             event loops serving connections (default min(2, cores))
        --help                        this text
      """;

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  /** What the command line asks for. */
  public record Parsed(SimOptions options, Path trustStoreOut, boolean help) {}

  private SimCommandLine() {}

  /**
   * Parses {@code args}.
   *
   * @param environment where {@code AGENTCHANNEL_SIM_API_KEYS} is looked up
   * @throws IllegalArgumentException naming the flag at fault
   */
  public static Parsed parse(List<String> args, Map<String, String> environment) {
    SimOptions.Builder b = SimOptions.builder().port(8080);
    List<String> keys = new ArrayList<>();
    String fromEnv = environment.get("AGENTCHANNEL_SIM_API_KEYS");
    if (fromEnv != null) {
      for (String key : fromEnv.split(",")) {
        if (!key.isBlank()) {
          keys.add(key.trim());
        }
      }
    }
    Path trustStoreOut = null;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "' (flags start with --)");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("help")) {
        return new Parsed(b.build(), null, true);
      }
      if (name.equals("tls")) {
        b.tls(true);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args.get(++i);
      }
      try {
        switch (name) {
          case "host" -> b.host(value);
          case "port" -> b.port(Integer.parseInt(value));
          case "profile" -> b.cost(CostProfile.named(value));
          case "websocket" ->
              b.webSocketMode(WebSocketMode.valueOf(value.toUpperCase(Locale.ROOT)));
          case "in-flight" ->
              b.inFlightPolicy(InFlightPolicy.valueOf(value.toUpperCase(Locale.ROOT)));
          case "api-key" -> keys.add(value);
          case "seed" -> b.seed(Long.parseLong(value));
          case "model" -> b.defaultModel(value);
          case "tool-calls" -> b.toolCalls(Integer.parseInt(value));
          case "network" -> b.network(NetworkProfile.parse(value));
          case "trust-store-out" -> trustStoreOut = Path.of(value);
          case "fault-rate" -> faultRate(b, value);
          case "scenarios" -> b.scenarioDirectory(Path.of(value));
          case "connection-limit" -> b.connectionLimit(duration(value));
          case "event-loops" -> b.eventLoops(Integer.parseInt(value));
          default -> throw new IllegalArgumentException("unknown flag");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--"
                + name
                + ": "
                + (e.getMessage() == null ? "invalid value '" + value + "'" : e.getMessage()),
            e);
      }
    }
    b.apiKeys(java.util.Set.copyOf(keys));
    try {
      return new Parsed(b.build(), trustStoreOut, false);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid options: " + e.getMessage(), e);
    }
  }

  private static void faultRate(SimOptions.Builder b, String value) {
    int eq = value.lastIndexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("expected <directive>=<probability>, got '" + value + "'");
    }
    b.faultRate(value.substring(0, eq), Double.parseDouble(value.substring(eq + 1)));
  }

  static Duration duration(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 30s, 60m or 1h, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
