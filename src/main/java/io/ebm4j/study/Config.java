package io.ebm4j.study;

import java.util.Map;

/**
 * A study's settings: a record whose components are the settings, with the same string form everywhere (the CLI's
 * {@code --set key=value}, a notebook's {@code with(key, value)}, JShell). Implementing it is one line,
 * {@code record MyConfig(int walkers, double stepSize) implements Config<MyConfig> {}}, and gives:
 *
 * <pre>{@code
 * var c = TwoWellsConfig.defaults().with("walkers", 2000).with("stepSize", "0.05");
 * c.settings();              // {a=-10.0, b=10.0, ..., walkers=2000, ...}
 * }</pre>
 *
 * Values are converted by the component's type (a string is parsed as on the command line; a number is converted
 * when exact); unknown keys and bad values fail naming them, and the record's constructor checks ranges.
 *
 * @param <C> the record type itself
 */
public interface Config<C extends Record & Config<C>> {
  /** A copy with one setting changed. */
  @SuppressWarnings("unchecked")
  default C with(String key, Object value) {
    return Configs.with((C) this, Map.of(key, value));
  }

  /** A copy with several settings changed (values as objects or strings). */
  @SuppressWarnings("unchecked")
  default C with(Map<String, ?> values) {
    return Configs.with((C) this, values);
  }

  /** Every setting's name and value as text, in declaration order (lists comma-separated). */
  default Map<String, String> settings() {
    return Configs.text((Record) this);
  }
}
