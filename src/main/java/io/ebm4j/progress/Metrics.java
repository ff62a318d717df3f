package io.ebm4j.progress;

import java.util.Locale;
import java.util.Map;

/** Short text for metric values: {@code loss=0.1234 ess=0.91}, in the map's order. */
final class Metrics {
  private Metrics() {}

  static String format(Map<String, Double> metrics) {
    if (metrics == null || metrics.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Double> e : metrics.entrySet()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(e.getKey()).append('=').append(number(e.getValue()));
    }
    return sb.toString();
  }

  static String number(Double v) {
    if (v == null || v.isNaN()) {
      return "nan";
    }
    if (v.isInfinite()) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (v == Math.rint(v) && a < 1e9) {
      return Long.toString(v.longValue());
    }
    return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
        : String.format(Locale.ROOT, "%.4g", v);
  }

  /** Seconds as m:ss or h:mm:ss. */
  static String duration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }
}
