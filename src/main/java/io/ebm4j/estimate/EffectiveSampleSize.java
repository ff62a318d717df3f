package io.ebm4j.estimate;

import java.nio.DoubleBuffer;

/**
 * Importance-weight diagnostics from log-weights A_i, all computed stably by shifting with max A:
 * ESS/N = (sum w)^2 / (N sum w^2) with w = e^{A}, the log-mean-exp log(mean e^{A}), and normalised weights.
 */
public final class EffectiveSampleSize {
  private EffectiveSampleSize() {}

  private static double max(DoubleBuffer a, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, a.get(i));
    }
    if (!Double.isFinite(m)) {
      throw new IllegalStateException("log-weights are not finite (max = " + m + ")");
    }
    return m;
  }

  /** (sum w)^2 / (N sum w^2) for w = exp(logW[0..n)). */
  public static double fraction(DoubleBuffer logW, int n) {
    double m = max(logW, n);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(logW.get(i) - m);
      s1 += w;
      s2 += w * w;
    }
    return s1 * s1 / (n * s2);
  }

  /** log((1/n) sum exp(logW_i)). */
  public static double logMeanExp(DoubleBuffer logW, int n) {
    double m = max(logW, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(logW.get(i) - m);
    }
    return m + Math.log(s / n);
  }

  /**
   * One pass: writes out_i = exp(logW_i) / sum_j exp(logW_j) and returns the log-mean-exp and ESS/N of the weights.
   */
  public static WeightSummary normalize(DoubleBuffer logW, int n, DoubleBuffer out) {
    double m = max(logW, n);
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < n; i++) {
      double w = Math.exp(logW.get(i) - m);
      out.put(i, w);
      s1 += w;
      s2 += w * w;
    }
    double inv = 1.0 / s1;
    for (int i = 0; i < n; i++) {
      out.put(i, out.get(i) * inv);
    }
    return new WeightSummary(m + Math.log(s1 / n), s1 * s1 / (n * s2));
  }
}
