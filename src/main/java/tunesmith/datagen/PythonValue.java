package tunesmith.datagen;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A value as Python's {@code yaml.safe_load} gives it: what the generator's hash is taken of. */
sealed interface PythonValue {

  record None() implements PythonValue {
    @Override
    public boolean truthy() {
      return false;
    }
  }

  record Bool(boolean value) implements PythonValue {
    @Override
    public boolean truthy() {
      return value;
    }
  }

  record Int(BigInteger value) implements PythonValue {
    @Override
    public boolean truthy() {
      return value.signum() != 0;
    }
  }

  record Float(double value) implements PythonValue {
    @Override
    public boolean truthy() {
      return value != 0.0;
    }
  }

  record Str(String value) implements PythonValue {
    @Override
    public boolean truthy() {
      return !value.isEmpty();
    }
  }

  record ListValue(List<PythonValue> items) implements PythonValue {
    public ListValue {
      items = List.copyOf(items);
    }

    @Override
    public boolean truthy() {
      return !items.isEmpty();
    }
  }

  /** A dict in insertion order (keys are Str or Int; others are refused when read). */
  record Dict(Map<PythonValue, PythonValue> entries) implements PythonValue {
    public Dict {
      entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    PythonValue get(String key) {
      return entries.get(new Str(key));
    }

    boolean has(String key) {
      return entries.containsKey(new Str(key));
    }

    @Override
    public boolean truthy() {
      return !entries.isEmpty();
    }
  }

  PythonValue NONE = new None();

  /** Python's truth value, for {@code x or default}. */
  boolean truthy();
}
