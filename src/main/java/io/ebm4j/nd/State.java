package io.ebm4j.nd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component's saved state for a checkpoint: named arrays of doubles or longs and short texts, in insertion
 * order. Components write under their own prefix ({@link #child}); a reader asks for the names it wrote and gets a
 * clear error, naming the key, when one is missing or has another type.
 *
 * <pre>{@code
 * State s = new State();
 * s.child("estimator").put("offset", 1.5).put("positions", xs);
 * double offset = s.child("estimator").scalar("offset");
 * }</pre>
 */
public final class State {
  private final Map<String, Object> values;
  private final String prefix;

  /** An empty state. */
  public State() {
    this(new LinkedHashMap<>(), "");
  }

  private State(Map<String, Object> values, String prefix) {
    this.values = values;
    this.prefix = prefix;
  }

  /** A view whose keys are prefixed with {@code name + "."}; writes go to the same state. */
  public State child(String name) {
    if (name == null || name.isBlank() || name.contains("=")) {
      throw new IllegalArgumentException("state name must be non-blank and free of '=', got '" + name + "'");
    }
    return new State(values, prefix + name + ".");
  }

  /** Stores a copy of doubles under key. */
  public State put(String key, double... v) {
    values.put(prefix + key, v.clone());
    return this;
  }

  /** Stores a copy of longs under key. */
  public State putLongs(String key, long... v) {
    values.put(prefix + key, v.clone());
    return this;
  }

  /** Stores a text under key. */
  public State putText(String key, String v) {
    values.put(prefix + key, v);
    return this;
  }

  /** Whether key was stored. */
  public boolean has(String key) {
    return values.containsKey(prefix + key);
  }

  /** The doubles stored under key. */
  public double[] doubles(String key) {
    return get(key, double[].class).clone();
  }

  /** The single double stored under key. */
  public double scalar(String key) {
    double[] v = get(key, double[].class);
    if (v.length != 1) {
      throw new IllegalStateException("state '" + prefix + key + "' holds " + v.length + " numbers, expected 1");
    }
    return v[0];
  }

  /** The longs stored under key. */
  public long[] longs(String key) {
    return get(key, long[].class).clone();
  }

  /** The text stored under key. */
  public String text(String key) {
    return get(key, String.class);
  }

  /** Every entry with its full key, in order (for writing to a file). */
  public Map<String, Object> entries() {
    return Collections.unmodifiableMap(values);
  }

  /** Stores an entry read back from a file (value: double[], long[] or String). */
  public void putEntry(String fullKey, Object value) {
    if (!(value instanceof double[] || value instanceof long[] || value instanceof String)) {
      throw new IllegalArgumentException("state entry '" + fullKey + "' must be double[], long[] or String, got "
          + (value == null ? "null" : value.getClass().getSimpleName()));
    }
    values.put(fullKey, value);
  }

  private <T> T get(String key, Class<T> type) {
    Object v = values.get(prefix + key);
    if (v == null) {
      throw new IllegalStateException("checkpoint has no state '" + prefix + key + "'; it has: "
          + String.join(", ", values.keySet()));
    }
    if (!type.isInstance(v)) {
      throw new IllegalStateException("state '" + prefix + key + "' is a " + v.getClass().getSimpleName()
          + ", expected " + type.getSimpleName());
    }
    return type.cast(v);
  }
}
