package io.agentchannel.sim;

import io.agentchannel.sim.data.SimOptions;
import io.agentchannel.sim.testing.SimHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Base of HTTP test classes whose tests share one default server, started once per class. */
abstract class SharedServerHttpTest {

  static SimServer sim;
  static SimHttp http;

  @BeforeAll
  static void start() {
    sim = SimServer.start(SimOptions.defaults());
    http = new SimHttp(sim);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }
}
