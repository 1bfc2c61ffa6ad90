package io.agentchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input ends with one clear sentence and a non-zero exit, without a stack trace unless {@code
 * --verbose}; nothing is started.
 */
class BadInputTest {

  private static void oneSentence(CliRun run, int code, String mentions) {
    assertThat(run.code()).as(run.err()).isEqualTo(code);
    List<String> lines = run.err().lines().toList();
    assertThat(lines.get(0)).contains(mentions).endsWith(".");
    assertThat(lines.size()).as(run.err()).isLessThanOrEqualTo(2);
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownTransport() {
    oneSentence(CliRun.of("bench", "--transports", "carrier-pigeon"), 2, "'carrier-pigeon'");
    assertThat(CliRun.of("bench", "--transports", "carrier-pigeon").err()).contains("available:");
  }

  @Test
  void negativeToolCalls() {
    oneSentence(CliRun.of("bench", "--tool-calls", "5,-1"), 2, "must not be negative, got -1");
  }

  @Test
  void zeroConcurrency() {
    oneSentence(CliRun.of("bench", "--concurrency", "0"), 2, "at least 1, got 0");
  }

  @Test
  void notANumber() {
    oneSentence(CliRun.of("bench", "--rollouts", "many"), 2, "many");
  }

  @Test
  void unknownOption() {
    oneSentence(CliRun.of("bench", "--fast"), 2, "--fast");
  }

  @Test
  void portInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      oneSentence(
          CliRun.of("sim", "--host", "127.0.0.1", "--port", String.valueOf(port)),
          1,
          "port " + port + " on 127.0.0.1 is in use");
    }
  }

  @Test
  void badSimFlag() {
    oneSentence(CliRun.of("sim", "--profile", "glacial"), 2, "glacial");
  }

  @Test
  void missingApiKeyForRun() {
    CliRun run = CliRun.of(Map.of(), "run", "--base-url", "https://api.example.com/v1", "hi");
    oneSentence(run, 2, "no API key: set OPENAI_API_KEY");
  }

  @Test
  void verboseAddsTheStackTrace() {
    CliRun run = CliRun.of("--verbose", "bench", "--concurrency", "0");
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("at least 1, got 0").contains("\tat ");
  }

  @Test
  void helpEverywhere() {
    for (String[] args :
        new String[][] {{"--help"}, {"bench", "--help"}, {"run", "--help"}, {"sim", "--help"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.code()).as(String.join(" ", args)).isZero();
      assertThat(run.err()).isEmpty();
    }
    assertThat(CliRun.of("bench", "--help").out()).contains("--quick").contains("--transports");
    assertThat(CliRun.of("run", "--help").out()).contains("--base-url").contains("OPENAI_API_KEY");
  }
}
