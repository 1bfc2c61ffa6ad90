package io.agentchannel.sim;

import io.agentchannel.sim.data.SimOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone until the process is stopped:
 *
 * <pre>{@code
 * java -cp ... io.agentchannel.sim.SimMain --port 8080 --profile openai-like --api-key sk-local
 * }</pre>
 *
 * The {@code agentchannel sim} command of the CLI delegates here. It prints the base URL, the
 * WebSocket URL and the metrics URLs, and closes the server cleanly on SIGINT/SIGTERM. Exit codes:
 * 0 after a clean stop or {@code --help}, 2 for a bad command line, 1 when the server cannot start.
 */
public final class SimMain {

  private SimMain() {}

  public static void main(String[] args) {
    int code =
        run(Arrays.asList(args), System.getenv(), System.out, System.err, new CountDownLatch(1));
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts the server and blocks until {@code stop} is released (by the shutdown hook in {@link
   * #main}; by the test in tests).
   */
  static int run(
      List<String> args,
      Map<String, String> environment,
      PrintStream out,
      PrintStream err,
      CountDownLatch stop) {
    SimCommandLine.Parsed parsed;
    try {
      parsed = SimCommandLine.parse(args, environment);
    } catch (IllegalArgumentException e) {
      err.println("sim: " + e.getMessage());
      err.print(SimCommandLine.USAGE);
      return 2;
    }
    if (parsed.help()) {
      out.print(SimCommandLine.USAGE);
      return 0;
    }
    SimServer server;
    try {
      server = SimServer.start(parsed.options());
    } catch (IllegalStateException e) {
      err.println("sim: " + e.getMessage());
      return 1;
    }
    Thread hook = new Thread(stop::countDown, "sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      describe(server, parsed.trustStoreOut(), out);
      stop.await();
      return 0;
    } catch (IOException e) {
      err.println("sim: cannot write the trust store: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: nothing to remove
      }
    }
  }

  private static void describe(SimServer server, Path trustStoreOut, PrintStream out)
      throws IOException {
    SimOptions o = server.options();
    String root = server.baseUrl().toString().replace("/v1", "");
    out.println("server-sim listening on " + server.baseUrl());
    out.println("  websocket: " + server.webSocketUrl() + " (mode " + o.webSocketMode() + ")");
    out.println("  metrics:   " + root + "/metrics  stats: " + root + "/v1/sim/stats");
    out.println(
        "  auth: "
            + (o.apiKeys().isEmpty() ? "off" : o.apiKeys().size() + " key(s)")
            + "  seed: "
            + o.seed()
            + "  network: "
            + (o.network().isNone() ? "none" : o.network()));
    if (server.tls() && trustStoreOut != null) {
      server.writeTrustStore(trustStoreOut, "changeit".toCharArray());
      out.println("  trust store: " + trustStoreOut + " (PKCS12, password changeit)");
    }
    out.flush();
  }
}
