package io.agentchannel.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Golden fixtures: one JSON document per line under {@code /golden}. */
final class Golden {

  /** A plain mapper, independent of the codec's, for tree comparison. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Golden() {}

  static List<String> lines(String file) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + file);
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(l -> !l.isBlank())
          .collect(Collectors.toCollection(ArrayList::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
