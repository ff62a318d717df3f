package io.ebm4j.experiment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The registry of experiments, by command-line name. */
public final class Experiments {
  private static final Map<String, Experiment<?>> ALL = new LinkedHashMap<>();

  static {
    register(new TwoWellsStudy());
    register(new Gmm50dStudy());
    register(new Mlp2dStudy());
  }

  private Experiments() {}

  private static void register(Experiment<?> e) {
    ALL.put(e.name(), e);
  }

  /** Names of all experiments. */
  public static Set<String> names() {
    return ALL.keySet();
  }

  /** The experiment with this name; unknown names fail with the list of known ones. */
  public static Experiment<?> get(String name) {
    Experiment<?> e = ALL.get(name);
    if (e == null) {
      throw new IllegalArgumentException("unknown experiment '" + name + "'; known: " + String.join(", ", names()));
    }
    return e;
  }
}
