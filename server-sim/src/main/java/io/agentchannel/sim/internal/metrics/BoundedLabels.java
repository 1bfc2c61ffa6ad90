package io.agentchannel.sim.internal.metrics;

import io.agentchannel.sim.data.SimStats;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One value per label value, for at most {@code limit} distinct label values; label values beyond
 * the limit share the entry {@link SimStats#OTHER}. Keeps a misbehaving caller from growing the
 * {@code /metrics} page without bound.
 *
 * <p>Thread-safe. Looking up a label value already present takes no lock; adding one takes this
 * object's monitor, as does looking up a label value that was turned away.
 */
final class BoundedLabels<V> {

  private final ConcurrentHashMap<String, V> entries = new ConcurrentHashMap<>();
  private final int limit;
  private final Supplier<V> factory;

  BoundedLabels(int limit, Supplier<V> factory) {
    this.limit = limit;
    this.factory = factory;
  }

  /** The entry of a label value, created if there is room, else the {@code other} entry. */
  V get(String label) {
    V value = entries.get(label);
    return value != null ? value : admit(label);
  }

  private synchronized V admit(String label) {
    V value = entries.get(label);
    if (value != null) {
      return value;
    }
    String key = entries.size() < limit ? label : SimStats.OTHER;
    return entries.computeIfAbsent(key, k -> factory.get());
  }

  /** A live, unmodifiable view; iteration is weakly consistent and in no particular order. */
  Map<String, V> entries() {
    return Collections.unmodifiableMap(entries);
  }
}
