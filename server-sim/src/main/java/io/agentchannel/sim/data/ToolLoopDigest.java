package io.agentchannel.sim.data;

import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The proof the {@code tool-loop} model gives in its final answer: how many {@code
 * function_call_output} items the conversation held and a SHA-256 digest over their call ids and
 * outputs, in order. A client computes the same digest over the outputs it sent and compares: a
 * lost, duplicated or reordered tool output changes it.
 *
 * <p>The final answer's text is exactly {@link #answer(List)}: {@code tool outputs: <count>;
 * digest: <64 hex digits>}. Stateless and thread-safe.
 */
public final class ToolLoopDigest {

  private ToolLoopDigest() {}

  /**
   * The final answer the {@code tool-loop} model gives for a conversation holding {@code items}.
   */
  public static String answer(List<? extends Item> items) {
    List<FunctionCallOutputItem> outputs = outputsOf(items);
    return "tool outputs: " + outputs.size() + "; digest: " + digest(outputs);
  }

  /**
   * SHA-256, in lowercase hex, over each output's call id and text in order, each field ended by a
   * NUL character (an array-form output counts as its compact JSON text), so that no two different
   * sequences share an encoding.
   */
  public static String digest(List<FunctionCallOutputItem> outputs) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (FunctionCallOutputItem o : outputs) {
      sha.update(o.callId().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(textOf(o).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The output as a string: the string form as is, the array form as its compact JSON. */
  static String textOf(FunctionCallOutputItem o) {
    return o.output() != null ? o.output() : o.extras().get("output").toString();
  }

  /** The {@code function_call_output} items of {@code items}, in order. */
  public static List<FunctionCallOutputItem> outputsOf(List<? extends Item> items) {
    return items.stream()
        .filter(FunctionCallOutputItem.class::isInstance)
        .map(FunctionCallOutputItem.class::cast)
        .toList();
  }
}
