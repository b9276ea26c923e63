package tunesmith.sharing;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * An immutable map in its keys' order that holds only its values: the keys, and where each one is,
 * are a {@link Keys} that every map with the same keys in the same order can share. The settings of
 * a plan's runs all have the same keys; a LinkedHashMap or Map.copyOf per run held them again each
 * time. Like {@link Map#copyOf}, no null keys or values.
 */
public final class SharedKeyMap<K, V> extends AbstractMap<K, V> {
  private final Keys<K> keys;
  private final List<V> values;

  private SharedKeyMap(Keys<K> keys, List<V> values) {
    this.keys = keys;
    this.values = values;
  }

  /** {@code map} itself if it is one, else a copy with keys of its own. */
  public static <K, V> SharedKeyMap<K, V> copyOf(Map<K, V> map) {
    if (map instanceof SharedKeyMap<K, V> shared) {
      return shared;
    }
    List<K> order = new ArrayList<>(map.size());
    List<V> values = new ArrayList<>(map.size());
    map.forEach(
        (key, value) -> {
          order.add(key);
          values.add(value);
        });
    return new SharedKeyMap<>(Keys.indexed(List.copyOf(order)), List.copyOf(values));
  }

  /**
   * A copy of {@code map} whose keys are shared through {@code shared} with every equal map's, and
   * whose values are {@code value} of {@code map}'s.
   */
  public static <K, V> SharedKeyMap<K, V> copyOf(
      Map<K, V> map, SharedInstances shared, UnaryOperator<V> value) {
    List<K> order = new ArrayList<>(map.size());
    List<V> values = new ArrayList<>(map.size());
    map.forEach(
        (key, v) -> {
          order.add(key);
          values.add(value.apply(v));
        });
    Keys<K> keys = shared.of(new Keys<>(List.copyOf(order), null), Keys::withPositions);
    return new SharedKeyMap<>(keys, List.copyOf(values));
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public boolean containsKey(Object key) {
    return keys.positions.containsKey(key);
  }

  @Override
  public V get(Object key) {
    Integer position = keys.positions.get(key);
    return position == null ? null : values.get(position);
  }

  @Override
  public Set<K> keySet() {
    return keys.set;
  }

  @Override
  public Collection<V> values() {
    return values;
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    for (int i = 0; i < values.size(); i++) {
      action.accept(keys.order.get(i), values.get(i));
    }
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return values.size();
      }

      @Override
      public Iterator<Map.Entry<K, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < values.size();
          }

          @Override
          public Map.Entry<K, V> next() {
            if (next >= values.size()) {
              throw new NoSuchElementException();
            }
            Map.Entry<K, V> entry = Map.entry(keys.order.get(next), values.get(next));
            next++;
            return entry;
          }
        };
      }
    };
  }

  /**
   * Keys in order, with each one's position. Equal when the order is: a probe without positions
   * finds the shared instance that has them.
   */
  static final class Keys<K> {
    private final List<K> order;
    private final Map<K, Integer> positions;

    /** The keySet of every map with these keys (AbstractMap would make one per map). */
    private final Set<K> set;

    private Keys(List<K> order, Map<K, Integer> positions) {
      this.order = order;
      this.positions = positions;
      this.set =
          new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
              return order.iterator();
            }

            @Override
            public int size() {
              return order.size();
            }

            @Override
            public boolean contains(Object key) {
              return positions.containsKey(key);
            }
          };
    }

    static <K> Keys<K> indexed(List<K> order) {
      Map<K, Integer> positions = new HashMap<>();
      for (int i = 0; i < order.size(); i++) {
        positions.put(order.get(i), i);
      }
      return new Keys<>(order, Map.copyOf(positions));
    }

    private static <K> Keys<K> withPositions(Keys<K> probe) {
      return indexed(probe.order);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Keys<?> keys && keys.order.equals(order);
    }

    @Override
    public int hashCode() {
      return order.hashCode();
    }
  }
}
