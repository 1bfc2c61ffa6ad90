package io.agentchannel.sim.internal.engine;

import io.agentchannel.wire.model.FunctionCallOutputItem;
import io.agentchannel.wire.model.Item;
import io.agentchannel.wire.model.MessageItem;
import java.util.List;

/**
 * Answers with text derived from the input: {@code echo: } followed by the latest user message (or,
 * after a tool call, the latest tool output). With {@code [sim answer_tokens=N]} the answer is
 * exactly N tokens long, the input's words repeated as needed.
 */
public final class EchoModel implements SimModel {

  private static final int UNSET = -1;

  @Override
  public Plan plan(TurnInput input) {
    String source = latestText(input.context());
    int tokens = input.directives().intValue("answer_tokens", UNSET);
    String text = "echo: " + source;
    if (tokens != UNSET) {
      text = ofTokens(source.isBlank() ? "echo" : source, tokens);
    }
    return Plan.completed(List.of(PlannedItem.Text.of(text)));
  }

  /** {@code tokens} tokens of text (four characters each) made of {@code source} repeated. */
  static String ofTokens(String source, int tokens) {
    StringBuilder text = new StringBuilder(tokens * 4);
    while (text.length() < tokens * 4) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(source);
    }
    text.setLength(tokens * 4);
    return text.toString();
  }

  private static String latestText(List<Item> context) {
    for (int i = context.size() - 1; i >= 0; i--) {
      Item item = context.get(i);
      if (item instanceof MessageItem m && "user".equals(m.role())) {
        return Directives.textOf(m);
      }
      if (item instanceof FunctionCallOutputItem o && o.output() != null) {
        return o.output();
      }
    }
    return "";
  }
}
