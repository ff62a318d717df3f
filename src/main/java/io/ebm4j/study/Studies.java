package io.ebm4j.study;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The registry of studies by command-line name: every {@link Study} listed in
 * {@code META-INF/services/io.ebm4j.study.Study} on the class path (ebm4j's own, and any a user's jar adds). Spark
 * executors find a sweep's study here by name.
 */
public final class Studies {
  private static Map<String, Study<?, ?>> all;

  private Studies() {}

  private static synchronized Map<String, Study<?, ?>> all() {
    if (all == null) {
      Map<String, Study<?, ?>> m = new LinkedHashMap<>();
      for (Study<?, ?> s : ServiceLoader.load(Study.class, Studies.class.getClassLoader())) {
        m.putIfAbsent(s.name(), s);
      }
      all = m;
    }
    return all;
  }

  /** Names of all studies. */
  public static Set<String> names() {
    return all().keySet();
  }

  /** The study with this name; unknown names fail with the list of known ones. */
  public static Study<?, ?> get(String name) {
    Study<?, ?> s = all().get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown experiment '" + name + "'; known: " + String.join(", ", names()));
    }
    return s;
  }
}
