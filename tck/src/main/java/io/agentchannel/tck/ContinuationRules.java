package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.wire.model.Response;
import org.junit.jupiter.api.Test;

/**
 * RULES.md area 4: continuation and state. The conversation runtime's rules (delta continuation,
 * recovery, rotation, fallback) join this area.
 */
abstract class ContinuationRules extends TerminalRules {

  @Test
  public void ac_4_1_a_stored_response_can_be_continued() throws Exception {
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      Response first =
          responseOf(channel.create(echo("first").store(true).build()).drain(), "AC-4.1");
      Response second =
          responseOf(
              channel
                  .create(echo("second").store(true).previousResponseId(first.id()).build())
                  .drain(),
              "AC-4.1");
      assertThat(second.previousResponseId())
          .as("AC-4.1: the continuation names its previous response")
          .isEqualTo(first.id());
      assertThat(second.outputText()).isEqualTo("echo: second");
    }
  }

  @Test
  public void ac_4_2_store_false_continues_from_the_connection() throws Exception {
    requires(
        Capability.CONNECTION_LOCAL_STATE,
        "store:false continuation is served only from the connection-local cache");
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      Response first =
          responseOf(channel.create(echo("first").store(false).build()).drain(), "AC-4.2");
      Response second =
          responseOf(
              channel
                  .create(echo("second").store(false).previousResponseId(first.id()).build())
                  .drain(),
              "AC-4.2");
      assertThat(second.previousResponseId()).isEqualTo(first.id());
      assertThat(f.sim().stats().cacheHits())
          .as(
              "AC-4.2: the continuation was served from the connection-local cache; a miss means"
                  + " the second turn went over another connection")
          .isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  public void ac_4_3_sequential_turns_share_one_connection() throws Exception {
    requires(Capability.PERSISTENT_CONNECTION, "one connection carries many responses");
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      for (int turn = 0; turn < 5; turn++) {
        responseOf(channel.create(echo("turn " + turn).build()).drain(), "AC-4.3");
      }
      assertThat(f.sim().stats().connectionsOpened())
          .as("AC-4.3: connections the simulator accepted for 5 sequential turns")
          .isEqualTo(1);
    }
  }
}
