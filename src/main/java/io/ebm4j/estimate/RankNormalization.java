package io.ebm4j.estimate;

import java.util.Arrays;

/**
 * The transformations behind split-R-hat and bulk-ESS (Vehtari, Gelman, Simpson, Carpenter, Burkner,
 * "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian
 * Analysis 16(2), 2021, https://doi.org/10.1214/20-BA1221): checking the shape of a set of chains, splitting every
 * chain in halves, folding draws about their median and replacing draws by normal scores of their pooled ranks.
 */
final class RankNormalization {
  private RankNormalization() {}

  /**
   * Checks M >= 1 chains of one common length of at least {@code minLength} finite draws; returns that length.
   */
  static int requireChains(double[][] chains, int minLength) {
    if (chains == null || chains.length == 0) {
      throw new IllegalArgumentException("chains must hold at least one chain, got "
          + (chains == null ? "null" : "0 chains"));
    }
    int n = -1;
    for (int m = 0; m < chains.length; m++) {
      double[] c = chains[m];
      if (c == null) {
        throw new IllegalArgumentException("chains[" + m + "] must not be null");
      }
      if (n < 0) {
        n = c.length;
      } else if (c.length != n) {
        throw new IllegalArgumentException("chains must all have the same length, got " + n + " and " + c.length
            + " (chain " + m + ")");
      }
      for (int t = 0; t < c.length; t++) {
        if (!Double.isFinite(c[t])) {
          throw new IllegalArgumentException("chains[" + m + "][" + t + "] must be finite, got " + c[t]);
        }
      }
    }
    if (n < minLength) {
      throw new IllegalArgumentException("chains must have at least " + minLength + " draws each, got " + n);
    }
    return n;
  }

  /** Each chain of length N cut into its first and last floor(N/2) draws (the middle draw of an odd N dropped). */
  static double[][] split(double[][] chains) {
    int n = chains[0].length;
    int half = n / 2;
    double[][] out = new double[2 * chains.length][];
    for (int m = 0; m < chains.length; m++) {
      out[2 * m] = Arrays.copyOfRange(chains[m], 0, half);
      out[2 * m + 1] = Arrays.copyOfRange(chains[m], n - half, n);
    }
    return out;
  }

  /** |x - median| over all draws pooled, chain by chain. */
  static double[][] fold(double[][] chains) {
    double[] all = pooled(chains);
    Arrays.sort(all);
    int s = all.length;
    double median = s % 2 == 1 ? all[s / 2] : 0.5 * (all[s / 2 - 1] + all[s / 2]);
    double[][] out = new double[chains.length][];
    for (int m = 0; m < chains.length; m++) {
      out[m] = new double[chains[m].length];
      for (int t = 0; t < out[m].length; t++) {
        out[m][t] = Math.abs(chains[m][t] - median);
      }
    }
    return out;
  }

  /**
   * Normal scores of the pooled ranks: z = Phi^{-1}((r - 3/8) / (S + 1/4)) with r the rank of a draw among all S
   * draws (ties get their average rank), the Blom offsets used by the paper.
   */
  static double[][] normalScores(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    int s = m * n;
    double[] all = pooled(chains);
    Integer[] order = new Integer[s];
    for (int i = 0; i < s; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
    double[] z = new double[s];
    int i = 0;
    while (i < s) {
      int j = i;
      while (j + 1 < s && all[order[j + 1]] == all[order[i]]) {
        j++;
      }
      double rank = 0.5 * (i + j) + 1; // average of the 1-based ranks i+1 .. j+1
      double score = normalQuantile((rank - 0.375) / (s + 0.25));
      for (int k = i; k <= j; k++) {
        z[order[k]] = score;
      }
      i = j + 1;
    }
    double[][] out = new double[m][n];
    for (int c = 0; c < m; c++) {
      System.arraycopy(z, c * n, out[c], 0, n);
    }
    return out;
  }

  private static double[] pooled(double[][] chains) {
    int n = chains[0].length;
    double[] all = new double[chains.length * n];
    for (int m = 0; m < chains.length; m++) {
      System.arraycopy(chains[m], 0, all, m * n, n);
    }
    return all;
  }

  private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
      1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
  private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
      6.680131188771972e+01, -1.328068155288572e+01};
  private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
      -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
  private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
      3.754408661907416e+00};
  private static final double P_LOW = 0.02425;

  /**
   * The standard normal quantile Phi^{-1}(p) for p in (0, 1), by Acklam's rational approximation (relative error
   * below 1.2e-9, ample for ranks).
   */
  static double normalQuantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1), got " + p);
    }
    if (p < P_LOW) {
      return tail(Math.sqrt(-2 * Math.log(p)));
    }
    if (p > 1 - P_LOW) {
      return -tail(Math.sqrt(-2 * Math.log1p(-p)));
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
        / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
  }

  private static double tail(double q) {
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
        / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
}
