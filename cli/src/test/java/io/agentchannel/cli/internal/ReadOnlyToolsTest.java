package io.agentchannel.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.wire.model.FunctionCallItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command's tools read under their root and nowhere else. */
class ReadOnlyToolsTest {

  @TempDir Path root;
  @TempDir Path elsewhere;

  private static FunctionCallItem call(String name, String path) {
    return new FunctionCallItem(
        "fc_1", "call_1", name, "{\"path\":\"" + path + "\"}", "completed", Map.of());
  }

  @Test
  void listsAndReadsUnderTheRoot() throws Exception {
    Files.createDirectory(root.resolve("src"));
    Files.writeString(root.resolve("README.md"), "# hi");
    ReadOnlyTools tools = new ReadOnlyTools(root);
    assertThat(tools.call(call("list_files", "."))).isEqualTo("README.md\nsrc/");
    assertThat(tools.call(call("read_file", "README.md"))).isEqualTo("# hi");
  }

  @Test
  void refusesPathsOutsideTheRootIncludingThroughLinks() throws Exception {
    Files.writeString(elsewhere.resolve("secret.txt"), "no");
    Files.createSymbolicLink(root.resolve("link"), elsewhere);
    ReadOnlyTools tools = new ReadOnlyTools(root);
    assertThat(tools.call(call("read_file", "../" + elsewhere.getFileName() + "/secret.txt")))
        .startsWith("error: ");
    assertThat(tools.call(call("read_file", elsewhere.resolve("secret.txt").toString())))
        .contains("outside the working directory");
    assertThat(tools.call(call("read_file", "link/secret.txt")))
        .contains("outside the working directory");
  }

  @Test
  void capsLongOutputsAndAnswersUnknownToolsWithAnError() throws Exception {
    Files.writeString(root.resolve("big.txt"), "x".repeat(ReadOnlyTools.MAX_OUTPUT_CHARS + 10));
    ReadOnlyTools tools = new ReadOnlyTools(root);
    assertThat(tools.call(call("read_file", "big.txt")))
        .hasSize(ReadOnlyTools.MAX_OUTPUT_CHARS + "\n[truncated]".length());
    assertThat(tools.call(call("delete_file", "big.txt")))
        .isEqualTo("error: unknown tool delete_file");
    assertThat(root.resolve("big.txt")).exists();
  }
}
