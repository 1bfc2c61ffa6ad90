package io.agentchannel.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** One Server-Sent Event as read off the wire: its {@code event:} name and {@code data:} JSON. */
public record SseEvent(String name, String data) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public JsonNode json() {
    try {
      return JSON.readTree(data);
    } catch (Exception e) {
      throw new UncheckedIOException(new java.io.IOException("not JSON: " + data, e));
    }
  }

  public String type() {
    return json().path("type").asText();
  }
}
