package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.wire.model.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** RULES.md area 6: lanes and concurrency. */
abstract class ConcurrencyRules extends WarmupRules {

  static final int CONVERSATIONS = 16;

  @Test
  public void ac_6_1_concurrent_conversations_on_one_channel_stay_apart() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      List<CompletableFuture<Response>> answers = new ArrayList<>();
      for (int i = 0; i < CONVERSATIONS; i++) {
        answers.add(channel.create(echo(message(i)).build()).drain());
      }
      for (int i = 0; i < CONVERSATIONS; i++) {
        Response response = responseOf(answers.get(i), "AC-6.1 (conversation " + i + ")");
        assertThat(response.outputText())
            .as(
                "AC-6.1: conversation %d of %d concurrent ones on one channel; another"
                    + " conversation's text means events were routed to the wrong stream",
                i, CONVERSATIONS)
            .isEqualTo("echo: " + message(i));
      }
    }
  }

  private static String message(int conversation) {
    return ("conversation " + conversation + " ").repeat(20);
  }

  @Test
  public void ac_6_2_lanes_carry_concurrent_responses_on_one_connection() throws Exception {
    requires(Capability.LANES, "stream_id lanes multiplex responses on one connection");
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      List<CompletableFuture<Response>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(channel.create(echo("lane " + i).build()).drain());
      }
      for (int i = 0; i < 8; i++) {
        assertThat(responseOf(answers.get(i), "AC-6.2").outputText()).isEqualTo("echo: lane " + i);
      }
      assertThat(f.sim().stats().connectionsOpened())
          .as("AC-6.2: connections for 8 concurrent responses with lanes")
          .isEqualTo(1);
    }
  }
}
