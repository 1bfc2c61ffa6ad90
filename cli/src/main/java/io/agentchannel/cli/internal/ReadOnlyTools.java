package io.agentchannel.cli.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agentchannel.wire.model.FunctionCallItem;
import io.agentchannel.wire.model.FunctionTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The two tools {@code agentchannel run} offers the model: {@code list_files} and {@code
 * read_file}, both confined to one root directory (paths that resolve outside it, symbolic links
 * included, are refused) and both read-only. Outputs are capped at {@value #MAX_OUTPUT_CHARS}
 * characters. Errors come back to the model as the tool's output, never as an exception.
 * Thread-safe.
 */
public final class ReadOnlyTools implements RolloutDriver.Tools {

  /** The most characters one tool output carries. */
  public static final int MAX_OUTPUT_CHARS = 32_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path root;

  /** Tools that see only {@code root} and what is under it. */
  public ReadOnlyTools(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  /** The tool definitions to send with each request. */
  public List<FunctionTool> definitions() {
    return List.of(
        new FunctionTool(
            "list_files",
            "List the entries of a directory under the working directory.",
            schema("Directory relative to the working directory; '.' for itself."),
            true,
            Map.of()),
        new FunctionTool(
            "read_file",
            "Read a UTF-8 text file under the working directory.",
            schema("File path relative to the working directory."),
            true,
            Map.of()));
  }

  private static JsonNode schema(String pathDescription) {
    ObjectNode s = JSON.createObjectNode();
    s.put("type", "object");
    ObjectNode path = s.putObject("properties").putObject("path");
    path.put("type", "string");
    path.put("description", pathDescription);
    s.putArray("required").add("path");
    s.put("additionalProperties", false);
    return s;
  }

  @Override
  public String call(FunctionCallItem call) {
    try {
      String relative = JSON.readTree(call.arguments()).path("path").asText(".");
      Path target = resolve(relative);
      String result =
          switch (call.name()) {
            case "list_files" -> list(target);
            case "read_file" -> Files.readString(target, StandardCharsets.UTF_8);
            default -> "error: unknown tool " + call.name();
          };
      return result.length() > MAX_OUTPUT_CHARS
          ? result.substring(0, MAX_OUTPUT_CHARS) + "\n[truncated]"
          : result;
    } catch (IOException | RuntimeException e) {
      return "error: " + e.getMessage();
    }
  }

  /** The real path of {@code relative} under the root; refuses anything outside it. */
  Path resolve(String relative) throws IOException {
    Path target = root.resolve(relative).normalize();
    Path real = target.toRealPath();
    if (!real.startsWith(root)) {
      throw new IOException("'" + relative + "' is outside the working directory");
    }
    return real;
  }

  private static String list(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return String.join(
          "\n",
          entries.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList());
    }
  }
}
