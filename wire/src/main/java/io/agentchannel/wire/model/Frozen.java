package io.agentchannel.wire.model;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable copies for the wire model that keep insertion order (so written JSON keeps the order it
 * was read in) and copy only once: a map frozen here is recognised and passed through when a
 * record's compact constructor freezes it again.
 */
public final class Frozen {

  private Frozen() {}

  /** An unmodifiable, order-keeping copy; {@code null} and empty become {@link Map#of()}. */
  public static <K, V> Map<K, V> map(Map<K, V> source) {
    if (source == null || source.isEmpty()) {
      return Map.of();
    }
    if (source instanceof FrozenMap) {
      return source;
    }
    return new FrozenMap<>(new LinkedHashMap<>(source));
  }

  /**
   * Wraps a map the caller has just built and will not touch again, without copying it (readers
   * build each record's map once; copying it again would double the allocation on the hot path).
   * Empty becomes {@link Map#of()}.
   */
  public static <K, V> Map<K, V> owned(LinkedHashMap<K, V> built) {
    if (built.isEmpty()) {
      return Map.of();
    }
    return new FrozenMap<>(built);
  }

  /**
   * Like {@link #map} but {@code null} stays {@code null} (for fields where absent differs from
   * empty).
   */
  public static <K, V> Map<K, V> mapOrNull(Map<K, V> source) {
    if (source == null) {
      return null;
    }
    if (source.isEmpty()) {
      return Map.of();
    }
    return map(source);
  }

  /** An unmodifiable copy; {@code null} becomes the empty list. Rejects {@code null} elements. */
  public static <T> List<T> list(List<T> source) {
    return source == null ? List.of() : List.copyOf(source);
  }

  /** Like {@link #list} but {@code null} stays {@code null}. */
  public static <T> List<T> listOrNull(List<T> source) {
    return source == null ? null : List.copyOf(source);
  }

  /** Marker type: an unmodifiable, order-keeping map this class made and need not copy again. */
  private static final class FrozenMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> view;

    FrozenMap(LinkedHashMap<K, V> owned) {
      view = Collections.unmodifiableMap(owned);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      return view.entrySet();
    }

    @Override
    public V get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }

    @Override
    public int size() {
      return view.size();
    }
  }
}
