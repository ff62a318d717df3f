package io.ebm4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.ebm4j.energy.IsotropicMixture;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mixture of K isotropic Gaussians, U(z) = -log sum_k w_k N(z; m_k, s_k^2 I), on standardised features (each
 * column to mean 0 and standard deviation 1 on the training data), fitted by expectation-maximisation (Dempster,
 * Laird and Rubin, "Maximum likelihood from incomplete data via the EM algorithm", JRSS B 39(1), 1977,
 * https://doi.org/10.1111/j.2517-6161.1977.tb01600.x) from a k-means++ start (Arthur and Vassilvitskii,
 * "k-means++: the advantages of careful seeding", SODA 2007, https://dl.acm.org/doi/10.5555/1283383.1283494).
 * M-step: w_k = N_k / N, m_k = sum_i r_ik z_i / N_k, s_k^2 = sum_i r_ik |z_i - m_k|^2 / (d N_k), floored at
 * {@code minSd}^2. The result is an {@link IsotropicMixture}.
 *
 * <pre>{@code
 * MixtureFamily gmm = new MixtureFamily().components(10).iterations(100);
 * }</pre>
 */
public final class MixtureFamily implements EnergyFamily {
  @Config(description = "Number of mixture components K.")
  private int components = 10;
  @Config(description = "EM iterations.")
  private int iterations = 100;
  @Config(description = "Smallest component standard deviation (standardised units).")
  private double minSd = 0.05;

  /** The defaults: 10 components, 100 EM iterations, standard deviations at least 0.05. */
  public MixtureFamily() {}

  /** Number of components K, at least 1. */
  public MixtureFamily components(int k) {
    this.components = k;
    validate();
    return this;
  }

  /** EM iterations, at least 1. */
  public MixtureFamily iterations(int n) {
    this.iterations = n;
    validate();
    return this;
  }

  /** Floor of every component's standard deviation, positive. */
  public MixtureFamily minSd(double s) {
    this.minSd = s;
    validate();
    return this;
  }

  @Override
  public void postConfig() {
    validate();
  }

  private void validate() {
    Checks.atLeast(components, 1, "components");
    Checks.atLeast(iterations, 1, "iterations");
    Checks.positive(minSd, "minSd");
  }

  @Override
  public FittedEnergy fit(INDArray x, long seed) {
    validate();
    INDArray xs = Checks.batch(x);
    if (xs.rows() < components) {
      throw new IllegalArgumentException("components must be at most the number of training rows (" + xs.rows()
          + "), got " + components);
    }
    Scaling scaling = Scaling.standard(xs);
    INDArray z = scaling.apply(xs);
    return new FittedMixture(scaling, em(z, new Rng(seed)));
  }

  private IsotropicMixture em(INDArray z, Rng rng) {
    int n = (int) z.rows();
    int d = (int) z.columns();
    int k = components;
    DoubleBuffer zb = Batches.buffer(z);
    double[] data = new double[n * d];
    zb.get(0, data);
    double[][] m = seeds(data, n, d, rng);
    double[] var = new double[k];
    double[] w = new double[k];
    java.util.Arrays.fill(var, 1.0);
    java.util.Arrays.fill(w, 1.0 / k);
    double[] r = new double[n * k];
    double floor = minSd * minSd;
    for (int it = 0; it < iterations; it++) {
      // E-step: responsibilities by log-sum-exp
      double[] logc = new double[k];
      for (int c = 0; c < k; c++) {
        logc[c] = Math.log(w[c]) - 0.5 * d * Math.log(var[c]);
      }
      for (int i = 0; i < n; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double t = data[i * d + j] - m[c][j];
            s += t * t;
          }
          double l = logc[c] - 0.5 * s / var[c];
          r[i * k + c] = l;
          max = Math.max(max, l);
        }
        double tot = 0;
        for (int c = 0; c < k; c++) {
          double e = Math.exp(r[i * k + c] - max);
          r[i * k + c] = e;
          tot += e;
        }
        for (int c = 0; c < k; c++) {
          r[i * k + c] /= tot;
        }
      }
      // M-step
      for (int c = 0; c < k; c++) {
        double nk = 0;
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
          double ri = r[i * k + c];
          nk += ri;
          for (int j = 0; j < d; j++) {
            mean[j] += ri * data[i * d + j];
          }
        }
        if (nk < 1e-10) {
          w[c] = 1e-12; // an empty component keeps its mean and variance with negligible weight
          continue;
        }
        double ss = 0;
        for (int j = 0; j < d; j++) {
          mean[j] /= nk;
        }
        for (int i = 0; i < n; i++) {
          double ri = r[i * k + c];
          for (int j = 0; j < d; j++) {
            double t = data[i * d + j] - mean[j];
            ss += ri * t * t;
          }
        }
        m[c] = mean;
        var[c] = Math.max(floor, ss / (d * nk));
        w[c] = nk / n;
      }
    }
    double[] sds = new double[k];
    for (int c = 0; c < k; c++) {
      sds[c] = Math.sqrt(var[c]);
    }
    return IsotropicMixture.of(m, w, sds);
  }

  /** k-means++ seeding: the first mean a uniform row, each next one a row drawn with probability ~ D(x)^2. */
  private double[][] seeds(double[] data, int n, int d, Rng rng) {
    double[][] m = new double[components][];
    double[] dist = new double[n];
    java.util.Arrays.fill(dist, Double.POSITIVE_INFINITY);
    int pick = rng.nextInt(n);
    for (int c = 0; c < components; c++) {
      m[c] = java.util.Arrays.copyOfRange(data, pick * d, pick * d + d);
      double total = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double t = data[i * d + j] - m[c][j];
          s += t * t;
        }
        dist[i] = Math.min(dist[i], s);
        total += dist[i];
      }
      if (total <= 0) {
        pick = rng.nextInt(n);
        continue;
      }
      double u = rng.uniform() * total;
      pick = n - 1;
      for (int i = 0; i < n; i++) {
        u -= dist[i];
        if (u <= 0) {
          pick = i;
          break;
        }
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "MixtureFamily(components=" + components + ", iterations=" + iterations + ", minSd=" + minSd + ")";
  }
}
