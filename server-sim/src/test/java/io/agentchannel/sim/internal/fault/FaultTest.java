package io.agentchannel.sim.internal.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.agentchannel.sim.internal.refusal.SimError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultTest {

  @Test
  void parsesEveryDirective() {
    assertThat(Fault.parse("status:429:3", "h")).isEqualTo(new Fault(Fault.Kind.STATUS, 0, 429, 3));
    assertThat(Fault.parse("status:429", "h").retryAfterSeconds()).isEqualTo(1);
    assertThat(Fault.parse("close_after:4", "h"))
        .isEqualTo(new Fault(Fault.Kind.CLOSE_AFTER, 4, 0, 0));
    assertThat(Fault.parse("ws_close:1011", "h"))
        .isEqualTo(new Fault(Fault.Kind.WS_CLOSE, 0, 1011, 0));
    assertThat(Fault.parse("ws_close:1001:5", "h").afterEvents()).isEqualTo(5);
    assertThat(Fault.parse("oversized_after:1", "h").value())
        .isEqualTo(Fault.DEFAULT_OVERSIZED_BYTES);
    assertThat(Fault.parse(" STALL_AFTER:2 ", "h").kind()).isEqualTo(Fault.Kind.STALL_AFTER);
    assertThat(Fault.parse("previous_response_not_found", "h").refusesRequest()).isTrue();
  }

  @Test
  void aBadDirectiveIsA400NamingItAndItsSource() {
    for (String bad :
        new String[] {
          "explode", "status:200", "close_after", "close_after:-1", "ws_close:99", "status:abc"
        }) {
      SimError e =
          catchThrowableOfType(SimError.class, () -> Fault.parse(bad, "metadata.sim_fault"));
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains("'" + bad + "'").contains("metadata.sim_fault");
      assertThat(e.detail().param()).isEqualTo("metadata.sim_fault");
    }
  }

  @Test
  void seededRatesAreDeterministicAndRoughlyHonoured() {
    FaultInjector a = new FaultInjector(Map.of("status:500", 0.25), 9);
    FaultInjector b = new FaultInjector(Map.of("status:500", 0.25), 9);
    int hits = 0;
    for (int i = 0; i < 4000; i++) {
      Fault fa = a.faultOf(null, "h");
      assertThat(fa).isEqualTo(b.faultOf(null, "h"));
      if (fa != null) {
        hits++;
      }
    }
    assertThat(hits).isBetween(800, 1200);
  }

  @Test
  void aRequestsOwnDirectiveWinsOverTheRates() {
    FaultInjector injector = new FaultInjector(Map.of("status:500", 1.0), 1);

    assertThat(injector.faultOf("stall_after:1", "h").kind()).isEqualTo(Fault.Kind.STALL_AFTER);
    assertThat(injector.faultOf(null, "h").value()).isEqualTo(500);
  }
}
