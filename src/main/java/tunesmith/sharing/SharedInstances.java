package tunesmith.sharing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A canonicalizing table: for every value given to it, the first equal value it was given. Safe to
 * use from several threads (runs are planned in parallel); which of two equal values racing in
 * becomes the shared one is not decided, and need not be, since they are equal.
 */
public final class SharedInstances {
  private final Map<Object, Object> table = new ConcurrentHashMap<>();

  /** The shared instance equal to {@code value}; null for null. */
  public <T> T of(T value) {
    return of(value, UnaryOperator.identity());
  }

  /**
   * As {@link #of(Object)}; a value not seen before is first rebuilt by {@code parts} from shared
   * parts (e.g. a record from its shared fields), so that what it holds is shared too. {@code
   * parts} must return a value equal to the one it is given.
   */
  public <T> T of(T value, UnaryOperator<T> parts) {
    if (value == null) {
      return null;
    }
    Object known = table.get(value);
    if (known == null) {
      T rebuilt = parts.apply(value);
      known = table.putIfAbsent(rebuilt, rebuilt);
      if (known == null) {
        return rebuilt;
      }
    }
    return sameClass(value, known);
  }

  /** {@code known} if it can stand in for {@code value}. */
  private static <T> T sameClass(T value, Object known) {
    // Equal values of two classes (a List.of and an ArrayList) are not interchangeable.
    if (known.getClass() != value.getClass()) {
      return value;
    }
    @SuppressWarnings("unchecked") // of value's class, and equal to it
    T same = (T) known;
    return same;
  }
}
