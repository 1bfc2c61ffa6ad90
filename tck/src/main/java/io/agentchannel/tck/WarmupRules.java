package io.agentchannel.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.agentchannel.AgentChannel;
import io.agentchannel.Capability;
import io.agentchannel.tck.internal.Fixture;
import io.agentchannel.wire.model.Response;
import org.junit.jupiter.api.Test;

/** RULES.md area 5: warm-up. */
abstract class WarmupRules extends ContinuationRules {

  @Test
  public void ac_5_1_warmup_returns_an_empty_response_to_continue_from() throws Exception {
    requires(Capability.WARMUP, "generate:false warm-up requests");
    try (Fixture f = fixture()) {
      AgentChannel channel = f.channel();
      Response warm =
          responseOf(
              channel.warmup(echo("prepare").instructions("Be brief.").store(false).build()),
              "AC-5.1");
      assertThat(warm.id()).as("AC-5.1: the warm-up's response id").isNotBlank();
      assertThat(warm.output()).as("AC-5.1: a warm-up generates no output").isEmpty();
      Response turn =
          responseOf(
              channel
                  .create(
                      echo("go")
                          .instructions("Be brief.")
                          .store(false)
                          .previousResponseId(warm.id())
                          .build())
                  .drain(),
              "AC-5.1");
      assertThat(turn.previousResponseId())
          .as("AC-5.1: the first turn continues from the warm-up")
          .isEqualTo(warm.id());
      assertThat(turn.outputText()).isEqualTo("echo: go");
    }
  }
}
