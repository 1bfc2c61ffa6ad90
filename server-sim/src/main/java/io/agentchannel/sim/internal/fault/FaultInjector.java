package io.agentchannel.sim.internal.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides the faults of each request: the directive the request carries (a header or a metadata
 * key), else one drawn from the seeded per-request rates. Thread-safe; the draws are deterministic
 * for a seed and a request order.
 */
public final class FaultInjector {

  /** The request header that carries a fault directive over HTTP and on the upgrade. */
  public static final String HEADER = "x-sim-fault";

  /** The metadata key that carries a fault directive, over HTTP and WebSocket alike. */
  public static final String METADATA_KEY = "sim_fault";

  private final List<Map.Entry<Fault, Double>> rates = new ArrayList<>();
  private final SplittableRandom random;

  public FaultInjector(Map<String, Double> rates, long seed) {
    rates.forEach(
        (directive, p) -> this.rates.add(Map.entry(Fault.parse(directive, "faultRates"), p)));
    this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
  }

  /**
   * The fault of a request: its own directive if it has one, else at most one seeded fault.
   *
   * @param directive the request's directive, or {@code null}
   * @param source where the directive came from, for the error if it is invalid
   * @return the fault, or {@code null} for none
   */
  public Fault faultOf(String directive, String source) {
    if (directive != null && !directive.isBlank()) {
      return Fault.parse(directive, source);
    }
    if (rates.isEmpty()) {
      return null;
    }
    double draw;
    synchronized (random) {
      draw = random.nextDouble();
    }
    double cumulative = 0;
    for (Map.Entry<Fault, Double> rate : rates) {
      cumulative += rate.getValue();
      if (draw < cumulative) {
        return rate.getKey();
      }
    }
    return null;
  }
}
