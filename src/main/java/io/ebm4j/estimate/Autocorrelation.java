package io.ebm4j.estimate;

/**
 * Autocovariance of a chain and the effective sample size of M chains pooled, as in Vehtari, Gelman, Simpson,
 * Carpenter, Burkner, "Rank-normalization, folding, and localization: An improved R-hat for assessing convergence of
 * MCMC", Bayesian Analysis 16(2), 2021, https://doi.org/10.1214/20-BA1221 (Section 3.2).
 *
 * <p>For M chains of N draws with within-chain variances s_m^2, W = mean_m s_m^2, B/N = the variance of the chain
 * means and var+ = (N-1)/N W + B/N, the pooled autocorrelation at lag t is
 *
 * <pre>
 *   rho_t = 1 - (W - mean_m s_m^2 rho_{t,m}) / var+,
 * </pre>
 *
 * so that differences between chains lower it. The integrated time tau = -1 + 2 sum_{k=0}^{K} P_k sums the pairs
 * P_k = rho_{2k} + rho_{2k+1} while they stay positive, each forced down to the smallest one before it (Geyer's
 * initial monotone sequence estimator; Geyer, "Practical Markov chain Monte Carlo", Statistical Science 7(4), 1992,
 * https://doi.org/10.1214/ss/1177011137), and ESS = M N / tau, at most M N log10(M N).
 *
 * <pre>{@code
 * double[][] chains = ...;                     // [M][N]
 * double ess = Autocorrelation.ess(chains);     // for the Monte Carlo error of a mean: sd / sqrt(ess)
 * double bulk = Autocorrelation.essBulk(chains); // of the rank-normalised split chains
 * }</pre>
 */
public final class Autocorrelation {
  private Autocorrelation() {}

  /**
   * The autocovariances gamma_t = (1/N) sum_{i=0}^{N-1-t} (x_i - xbar)(x_{i+t} - xbar) of one chain, t = 0..N-1
   * (the biased estimator, which is positive semi-definite), computed with a fast Fourier transform in O(N log N).
   */
  public static double[] autocovariance(double[] chain) {
    RankNormalization.requireChains(new double[][] {chain}, 1);
    return acov(chain);
  }

  /**
   * Effective sample size of M >= 1 chains of one common length N >= 4 pooled (see the class comment); NaN when
   * all draws are equal, as there is no variance to measure.
   */
  public static double ess(double[][] chains) {
    RankNormalization.requireChains(chains, 4);
    return pooledEss(chains);
  }

  /**
   * Bulk effective sample size: {@link #ess} of the split chains after rank normalisation (normal scores of the
   * pooled ranks), which is defined for heavy tails and invariant to monotone transformations of the draws. Needs
   * N >= 8 draws per chain.
   */
  public static double essBulk(double[][] chains) {
    RankNormalization.requireChains(chains, 8);
    return pooledEss(RankNormalization.normalScores(RankNormalization.split(chains)));
  }

  static double pooledEss(double[][] chains) {
    final int m = chains.length;
    final int n = chains[0].length;
    double[][] g = new double[m][];
    double[] means = new double[m];
    double w = 0;
    for (int c = 0; c < m; c++) {
      g[c] = acov(chains[c]);
      means[c] = mean(chains[c]);
      w += g[c][0] * n / (n - 1.0);
    }
    w /= m;
    double varPlus = (n - 1.0) / n * w + (m > 1 ? variance(means) : 0.0);
    if (!(varPlus > 0)) {
      return Double.NaN;
    }
    double tau = -1;
    double previous = Double.POSITIVE_INFINITY;
    for (int t = 0; t + 1 < n; t += 2) {
      double pair = rho(g, t, w, varPlus, n) + rho(g, t + 1, w, varPlus, n);
      if (!(pair > 0)) {
        break;
      }
      pair = Math.min(pair, previous);
      previous = pair;
      tau += 2 * pair;
    }
    double total = (double) m * n;
    tau = Math.max(tau, 1 / Math.log10(total));
    return total / tau;
  }

  private static double rho(double[][] g, int t, double w, double varPlus, int n) {
    double s = 0;
    for (double[] gc : g) {
      s += gc[t];
    }
    // s_m^2 rho_{t,m} = gamma_{t,m} N / (N - 1)
    return 1 - (w - s / g.length * n / (n - 1.0)) / varPlus;
  }

  static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /** Sample variance with denominator n - 1. */
  static double variance(double[] x) {
    double mu = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return s / (x.length - 1);
  }

  private static double[] acov(double[] x) {
    int n = x.length;
    int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
    if (size < 2 * n - 1) {
      size <<= 1;
    }
    double mu = mean(x);
    double[] re = new double[size];
    double[] im = new double[size];
    for (int i = 0; i < n; i++) {
      re[i] = x[i] - mu;
    }
    fft(re, im, false);
    for (int k = 0; k < size; k++) {
      re[k] = re[k] * re[k] + im[k] * im[k];
      im[k] = 0;
    }
    fft(re, im, true);
    double[] out = new double[n];
    for (int t = 0; t < n; t++) {
      out[t] = re[t] / size / n;
    }
    return out;
  }

  /** In-place iterative radix-2 FFT of (re, im), length a power of two; unnormalised in both directions. */
  private static void fft(double[] re, double[] im, boolean inverse) {
    int size = re.length;
    for (int i = 1, j = 0; i < size; i++) {
      int bit = size >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= size; len <<= 1) {
      double angle = 2 * Math.PI / len * (inverse ? 1 : -1);
      double wr = Math.cos(angle);
      double wi = Math.sin(angle);
      for (int i = 0; i < size; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
  }
}
