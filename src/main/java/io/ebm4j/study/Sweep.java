package io.ebm4j.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a study run: a base configuration, the settings swept over (a grid, in the order given) and the
 * seeds. The command line ({@code --set key=value}), notebooks and JShell build it the same way:
 *
 * <pre>{@code
 * Sweep<TwoWellsConfig> s = Sweep.of(TwoWellsConfig.defaults())
 *     .set("seeds", "0..4")              // five seeds
 *     .set("walkers", "2000,10000")      // a comma list on a scalar setting sweeps it
 *     .set("steps", "1500");             // one value: just a setting
 * s.settings();                          // two configurations
 * }</pre>
 *
 * Value syntax: a scalar setting takes one value or a comma-separated list (a sweep); integer settings also take
 * ranges {@code a..b} (inclusive) and {@code a..b:step}. A list setting takes a comma-separated list as its one
 * value; several lists separated by {@code ;} sweep it ({@code hidden=64,64;128,128}). {@code seeds} takes a list
 * or a range. Unknown keys and bad values fail at once, naming them.
 *
 * @param <C> the configuration type
 */
public final class Sweep<C extends Record & Config<C>> {
  /** The key naming the seeds. */
  public static final String SEEDS = "seeds";
  private C base;
  private final Map<String, List<String>> axes = new LinkedHashMap<>();
  private List<Integer> seeds = List.of(0);

  private Sweep(C base) {
    if (base == null) {
      throw new IllegalArgumentException("base configuration must not be null");
    }
    this.base = base;
  }

  /** A sweep of one setting (base) and seed 0. */
  public static <C extends Record & Config<C>> Sweep<C> of(C base) {
    return new Sweep<>(base);
  }

  /** Parses {@code key=value} strings onto base, as the command line's {@code --set} does. */
  public static <C extends Record & Config<C>> Sweep<C> parse(C base, List<String> keyValues) {
    Sweep<C> s = of(base);
    for (String kv : keyValues) {
      int eq = kv == null ? -1 : kv.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("a setting must read key=value, got '" + kv + "'");
      }
      s.set(kv.substring(0, eq).trim(), kv.substring(eq + 1));
    }
    return s;
  }

  /** Sets or sweeps one setting from text (see the class comment for the syntax). */
  public Sweep<C> set(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("setting " + key + " needs a value, got '" + value + "'");
    }
    if (key.equals(SEEDS)) {
      return seeds(seedList(value));
    }
    @SuppressWarnings("unchecked")
    Class<? extends Record> type = (Class<? extends Record>) base.getClass();
    List<String> values = Configs.isList(type, key) ? split(value, ";") : scalarValues(type, key, value);
    for (String v : values) {
      Configs.with(base, Map.of(key, v)); // validates every value now, naming the key
    }
    if (values.size() == 1) {
      base = Configs.with(base, Map.of(key, values.get(0)));
      axes.remove(key);
    } else {
      axes.put(key, values);
    }
    return this;
  }

  /** Sweeps one setting over the given values (objects or strings). */
  public Sweep<C> over(String key, Object... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("setting " + key + " needs at least one value");
    }
    List<String> text = new ArrayList<>();
    for (Object v : values) {
      C c = Configs.with(base, Map.of(key, v));
      text.add(c.settings().get(key));
    }
    if (text.size() == 1) {
      base = Configs.with(base, Map.of(key, text.get(0)));
      axes.remove(key);
    } else {
      axes.put(key, text);
    }
    return this;
  }

  /** The seeds (each setting and arm runs once per seed). */
  public Sweep<C> seeds(List<Integer> s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("seeds must not be empty, got " + s);
    }
    this.seeds = List.copyOf(s);
    return this;
  }

  /** The seeds. */
  public Sweep<C> seeds(int... s) {
    return seeds(Arrays.stream(s).boxed().toList());
  }

  /** The seeds. */
  public List<Integer> seeds() {
    return seeds;
  }

  /** The base configuration (every setting not swept). */
  public C base() {
    return base;
  }

  /** The swept settings and their values as text, in the order given. */
  public Map<String, List<String>> axes() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    axes.forEach((k, v) -> m.put(k, List.copyOf(v)));
    return m;
  }

  /** The grid: one configuration per combination of swept values (the first swept key varies slowest). */
  public List<C> settings() {
    List<C> out = new ArrayList<>();
    for (Map<String, String> combo : combinations()) {
      out.add(Configs.with(base, combo));
    }
    return out;
  }

  /** For each configuration of {@link #settings()}, the swept keys and their values. */
  public List<Map<String, String>> combinations() {
    List<Map<String, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<String>> ax : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : out) {
        for (String v : ax.getValue()) {
          Map<String, String> m = new LinkedHashMap<>(partial);
          m.put(ax.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** Every setting (base values, swept ones as their lists) and the seeds, as text. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>(base.settings());
    axes.forEach((k, v) -> m.put(k, String.join(Configs.isList(typeOf(), k) ? ";" : ",", v)));
    m.put(SEEDS, seeds.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""));
    return m;
  }

  @SuppressWarnings("unchecked")
  private Class<? extends Record> typeOf() {
    return (Class<? extends Record>) base.getClass();
  }

  private static List<String> scalarValues(Class<? extends Record> type, String key, String value) {
    Class<?> t = Configs.component(type, key).getType();
    boolean integer = t == int.class || t == long.class || t == Integer.class || t == Long.class;
    List<String> out = new ArrayList<>();
    for (String part : split(value, ",")) {
      if (integer && part.contains("..")) {
        for (long x : range(part, key)) {
          out.add(Long.toString(x));
        }
      } else {
        out.add(part);
      }
    }
    return out;
  }

  private static List<String> split(String value, String sep) {
    List<String> out = new ArrayList<>();
    for (String p : value.split(sep.equals(";") ? ";" : ",")) {
      if (!p.isBlank()) {
        out.add(p.trim());
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no value in '" + value + "'");
    }
    return out;
  }

  private static List<Integer> seedList(String value) {
    List<Integer> out = new ArrayList<>();
    for (String part : split(value, ",")) {
      try {
        if (part.contains("..")) {
          for (long x : range(part, SEEDS)) {
            out.add(Math.toIntExact(x));
          }
        } else {
          out.add(Integer.parseInt(part));
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("setting seeds expects integers or ranges a..b, got '" + part + "'");
      }
    }
    return out;
  }

  /** The integers of {@code a..b} or {@code a..b:step} (inclusive). */
  static long[] range(String text, String key) {
    try {
      String body = text.trim();
      long step = 1;
      int colon = body.indexOf(':');
      if (colon > 0) {
        step = Long.parseLong(body.substring(colon + 1).trim());
        body = body.substring(0, colon);
      }
      int dots = body.indexOf("..");
      long a = Long.parseLong(body.substring(0, dots).trim());
      long b = Long.parseLong(body.substring(dots + 2).trim());
      if (step < 1 || b < a || (b - a) / step > 1_000_000) {
        throw new IllegalArgumentException("setting " + key + ": range '" + text
            + "' must read a..b or a..b:step with a <= b and step >= 1");
      }
      long[] out = new long[(int) ((b - a) / step) + 1];
      for (int i = 0; i < out.length; i++) {
        out[i] = a + i * step;
      }
      return out;
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("setting " + key + ": range '" + text + "' must read a..b or a..b:step");
    }
  }
}
