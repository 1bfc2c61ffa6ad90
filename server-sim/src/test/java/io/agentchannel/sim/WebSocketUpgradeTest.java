package io.agentchannel.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.data.WebSocketMode;
import io.agentchannel.sim.testing.SimSocket;
import org.junit.jupiter.api.Test;

/**
 * The upgrade on {@code GET /v1/responses}: refused with 426 when WebSocket mode is off, 401
 * without the right key, and with the status an {@code x-sim-fault} header asks for.
 */
class WebSocketUpgradeTest extends WebSocketTestSupport {

  @Test
  void with_websocket_mode_off_the_upgrade_is_refused_with_426() {
    SimServer sim = start(SimOptions.builder().webSocketMode(WebSocketMode.OFF));

    assertThat(upgradeStatus(catchThrowable(() -> connect(sim)))).isEqualTo(426);
    assertThat(sim.stats().errors("upgrade_required")).isEqualTo(1);
  }

  @Test
  void with_api_keys_the_upgrade_needs_the_right_bearer_key() {
    SimServer sim = start(SimOptions.builder().apiKeys("sk-sim-right-key"));

    assertThat(upgradeStatus(catchThrowable(() -> connect(sim)))).isEqualTo(401);
    assertThat(
            upgradeStatus(
                catchThrowable(() -> connect(sim, "Authorization", "Bearer sk-sim-wrong-key"))))
        .isEqualTo(401);

    SimSocket socket = connect(sim, "Authorization", "Bearer sk-sim-right-key");
    assertStillServes(socket);
  }

  @Test
  void a_fault_header_on_the_upgrade_refuses_it_with_that_status() {
    SimServer sim = start(SimOptions.builder());

    assertThat(upgradeStatus(catchThrowable(() -> connect(sim, "x-sim-fault", "status:503"))))
        .isEqualTo(503);

    // The fault was the upgrade's own: the next one goes through.
    assertStillServes(connect(sim));
  }
}
