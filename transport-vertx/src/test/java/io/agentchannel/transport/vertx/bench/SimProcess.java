package io.agentchannel.transport.vertx.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulator in a JVM of its own, so that the benchmark's heap and CPU figures are the client's
 * alone: {@code SimMain --port 0 --profile instant --websocket v1}, its base URL read from the line
 * it prints when it listens.
 */
final class SimProcess implements AutoCloseable {

  private final Process process;
  private final URI baseUrl;

  SimProcess() throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx1g",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.agentchannel.sim.SimMain",
                    "--port",
                    "0",
                    "--profile",
                    "instant",
                    "--websocket",
                    "v1"))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    baseUrl = readBaseUrl(out);
    Thread drain = new Thread(() -> out.lines().forEach(line -> {}), "sim-output");
    drain.setDaemon(true);
    drain.start();
  }

  private URI readBaseUrl(BufferedReader out) throws IOException {
    String prefix = "server-sim listening on ";
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith(prefix)) {
        return URI.create(line.substring(prefix.length()).trim());
      }
    }
    throw new IOException("the simulator exited before listening: " + exitCode());
  }

  private String exitCode() {
    try {
      return "exit code " + process.waitFor();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  URI baseUrl() {
    return baseUrl;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
