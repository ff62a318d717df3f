package io.ebm4j.estimate;

/**
 * The potential scale reduction factor R-hat of split chains, from Vehtari, Gelman, Simpson, Carpenter, Burkner,
 * "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence of MCMC", Bayesian
 * Analysis 16(2), 2021, https://doi.org/10.1214/20-BA1221. Every chain is cut in halves (so a trend within a chain
 * shows up as disagreement between its halves); for the resulting M chains of N draws,
 *
 * <pre>
 *   W = mean_m s_m^2,   B/N = variance of the chain means,   var+ = (N-1)/N W + B/N,   R-hat = sqrt(var+ / W).
 * </pre>
 *
 * R-hat is near 1 when the chains agree; the paper recommends using draws only when it is below 1.01.
 * {@link #rankNormalized} is the paper's improved version: the larger of R-hat of the rank-normalised draws (bulk:
 * defined for heavy tails, invariant to monotone maps) and of the rank-normalised draws folded about the median
 * (tails: catches chains that agree in location but not in scale).
 *
 * <pre>{@code
 * double[][] chains = ...;                        // [M][N], N >= 4
 * double r = SplitRhat.of(chains);
 * double rank = SplitRhat.rankNormalized(chains); // max of bulk and folded R-hat
 * }</pre>
 */
public final class SplitRhat {
  private SplitRhat() {}

  /**
   * Split-R-hat of the draws as they are, for M >= 1 chains of one common length N >= 4; NaN when all draws are
   * equal (no variance), +infinity when every chain is constant but they differ.
   */
  public static double of(double[][] chains) {
    RankNormalization.requireChains(chains, 4);
    return rhat(RankNormalization.split(chains));
  }

  /** Rank-normalised split-R-hat: max(bulk R-hat, folded R-hat), for chains of N >= 4 draws. */
  public static double rankNormalized(double[][] chains) {
    RankNormalization.requireChains(chains, 4);
    double[][] split = RankNormalization.split(chains);
    double bulk = rhat(RankNormalization.normalScores(split));
    double tail = rhat(RankNormalization.normalScores(RankNormalization.fold(split)));
    return Math.max(bulk, tail);
  }

  static double rhat(double[][] chains) {
    int m = chains.length;
    int n = chains[0].length;
    double[] means = new double[m];
    double w = 0;
    for (int c = 0; c < m; c++) {
      means[c] = Autocorrelation.mean(chains[c]);
      w += Autocorrelation.variance(chains[c]);
    }
    w /= m;
    double varPlus = (n - 1.0) / n * w + Autocorrelation.variance(means);
    if (w == 0) {
      return varPlus > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return Math.sqrt(varPlus / w);
  }
}
