package io.ebm4j.sample;

import io.ebm4j.random.Rng;

/**
 * Resampling schemes for weighted walkers: both draw N ancestors with E[#copies of i] = N w_i. Systematic
 * resampling uses one uniform and has lower variance; multinomial draws N independent ancestors.
 */
public enum Resampling {
  /** N independent draws from the weights (sorted uniforms from normalised exponential spacings, O(N)). */
  MULTINOMIAL,
  /** One uniform u ~ U[0, 1/N), points u + i/N. */
  SYSTEMATIC;

  /** Ancestor indices for normalised weights w (sum 1). */
  public int[] ancestors(double[] w, Rng rng) {
    int n = w.length;
    double[] points = new double[n];
    if (this == SYSTEMATIC) {
      double u = rng.uniform() / n;
      for (int i = 0; i < n; i++) {
        points[i] = u + (double) i / n;
      }
    } else {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += -Math.log(1 - rng.uniform());
        points[i] = s;
      }
      double total = s - Math.log(1 - rng.uniform());
      for (int i = 0; i < n; i++) {
        points[i] /= total;
      }
    }
    int[] idx = new int[n];
    double cum = w[0];
    int j = 0;
    for (int i = 0; i < n; i++) {
      while (points[i] >= cum && j < n - 1) {
        j++;
        cum += w[j];
      }
      idx[i] = j;
    }
    return idx;
  }

  /** Parses "multinomial" or "systematic" (case-insensitive). */
  public static Resampling parse(String s) {
    for (Resampling r : values()) {
      if (r.name().equalsIgnoreCase(s)) {
        return r;
      }
    }
    throw new IllegalArgumentException("resampling must be one of multinomial, systematic; got " + s);
  }
}
