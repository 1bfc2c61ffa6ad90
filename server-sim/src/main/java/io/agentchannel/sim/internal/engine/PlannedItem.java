package io.agentchannel.sim.internal.engine;

import java.util.List;
import java.util.Objects;

/** One output item a model decided to produce, already cut into the chunks it streams as. */
public sealed interface PlannedItem {

  /** Output tokens this item costs. */
  int tokens();

  /** An assistant message with one {@code output_text} part. */
  record Text(List<String> chunks) implements PlannedItem {
    public Text {
      chunks = List.copyOf(chunks);
    }

    public static Text of(String text) {
      return new Text(Tokens.chunks(text));
    }

    public String text() {
      return String.join("", chunks);
    }

    @Override
    public int tokens() {
      return chunks.size();
    }
  }

  /**
   * A function call whose arguments stream as deltas.
   *
   * @param callId the call id to use, or {@code null} for a generated one
   */
  record Call(String name, String callId, List<String> argumentChunks) implements PlannedItem {
    public Call {
      Objects.requireNonNull(name, "name");
      argumentChunks = List.copyOf(argumentChunks);
    }

    public static Call of(String name, String arguments) {
      return new Call(name, null, Tokens.chunks(arguments));
    }

    public String arguments() {
      return String.join("", argumentChunks);
    }

    @Override
    public int tokens() {
      return argumentChunks.size();
    }
  }

  /** A reasoning item with a streamed summary (an empty list streams no summary part). */
  record Reasoning(List<String> summaryChunks) implements PlannedItem {
    public Reasoning {
      summaryChunks = List.copyOf(summaryChunks);
    }

    public String summary() {
      return String.join("", summaryChunks);
    }

    @Override
    public int tokens() {
      return summaryChunks.size();
    }
  }
}
