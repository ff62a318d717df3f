package io.ebm4j.conditional;

import java.nio.DoubleBuffer;

/** Numerically stable soft minimum over the rows of an energy matrix: free energies and Gibbs probabilities. */
final class SoftMin {
  private SoftMin() {}

  /**
   * For each row i of e [n, k]: f[i] = -(1/beta) log sum_y exp(-beta e[i,y]) and p[i,y] = exp(-beta e[i,y]) / Z_i
   * (p may be null). Shifted by the row minimum, so no overflow for any finite energies.
   */
  static void freeEnergy(DoubleBuffer e, int n, int k, double beta, DoubleBuffer f, DoubleBuffer p) {
    for (int i = 0; i < n; i++) {
      f.put(i, row(e, i * k, k, beta, p, i * k));
    }
  }

  /** The free energy of one row starting at off; writes the Gibbs probabilities at poff when p is not null. */
  static double row(DoubleBuffer e, int off, int k, double beta, DoubleBuffer p, int poff) {
    double min = Double.POSITIVE_INFINITY;
    for (int y = 0; y < k; y++) {
      min = Math.min(min, e.get(off + y));
    }
    double z = 0;
    for (int y = 0; y < k; y++) {
      double w = Math.exp(-beta * (e.get(off + y) - min));
      z += w;
      if (p != null) {
        p.put(poff + y, w);
      }
    }
    if (p != null) {
      for (int y = 0; y < k; y++) {
        p.put(poff + y, p.get(poff + y) / z);
      }
    }
    return min - Math.log(z) / beta;
  }
}
