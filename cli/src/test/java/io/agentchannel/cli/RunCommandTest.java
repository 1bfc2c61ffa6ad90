package io.agentchannel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.sim.SimServer;
import io.agentchannel.sim.data.SimOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code agentchannel run} against the embedded simulator's tool-loop model over real sockets. */
class RunCommandTest {

  @TempDir Path dir;

  @Test
  void runsTheToolLoopStreamsTheAnswerAndReportsTheTurns() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys("sk-run").build())) {
      CliRun run =
          CliRun.of(
              Map.of("OPENAI_API_KEY", "sk-run"),
              "run",
              "--base-url",
              sim.baseUrl().toString(),
              "--transport",
              "http",
              "--model",
              "tool-loop",
              "--dir",
              dir.toString(),
              "[sim tool_calls=2] what is here?");

      assertThat(run.code()).as(run.err()).isZero();
      assertThat(run.out())
          .contains("tool outputs: 2; digest: ")
          .contains("(3 turns, 2 tool calls, transport http)");
      assertThat(run.out() + run.err()).doesNotContain("sk-run");
    }
  }

  @Test
  void aRefusedKeyIsOneSentence() {
    try (SimServer sim = SimServer.start(SimOptions.builder().apiKeys("sk-right").build())) {
      CliRun run =
          CliRun.of(
              Map.of("OPENAI_API_KEY", "sk-wrong"),
              "run",
              "--base-url",
              sim.baseUrl().toString(),
              "--transport",
              "http",
              "hi");
      assertThat(run.code()).isEqualTo(1);
      assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).contains("401").doesNotContain("sk-wrong").doesNotContain("\tat ");
    }
  }
}
