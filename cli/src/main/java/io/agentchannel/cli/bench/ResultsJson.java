package io.agentchannel.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/** Writes and reads {@code results.json}: the {@link BenchResults} record tree as JSON. */
public final class ResultsJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  /** Writes {@code results} to {@code file}. */
  public static void write(BenchResults results, Path file) throws IOException {
    MAPPER.writeValue(file.toFile(), results);
  }

  /** The results as a JSON string. */
  public static String toJson(BenchResults results) throws IOException {
    return MAPPER.writeValueAsString(results);
  }

  /** Reads a file {@link #write} wrote. */
  public static BenchResults read(Path file) throws IOException {
    return MAPPER.readValue(file.toFile(), BenchResults.class);
  }
}
