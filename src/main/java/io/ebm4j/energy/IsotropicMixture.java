package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.io.Serializable;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fixed, normalised mixture of K isotropic Gaussians with means m_k, standard deviations s_k and weights w_k
 * (summing to 1):
 *
 * <pre>
 *   U(x) = -log sum_k w_k N(x; m_k, s_k^2 I),     Z = 1 (log Z = 0),
 *   grad U(x) = sum_k r_k(x) (x - m_k) / s_k^2,   r_k(x) = w_k N(x; m_k, s_k^2 I) / sum_l w_l N(x; m_l, s_l^2 I).
 * </pre>
 *
 * A target with exact mode weights, exact i.i.d. draws and an exact normaliser, for measuring how well samplers
 * share their time between modes. It has no parameters (nothing is learned) and is serializable.
 *
 * <pre>{@code
 * IsotropicMixture m = IsotropicMixture.square(3, 0.5, new double[] {0.1, 0.2, 0.3, 0.4});  // 2-D, (+-3, +-3)
 * IsotropicMixture h = IsotropicMixture.halfBlocks(16, 2.0, new double[] {0.1, 0.2, 0.3, 0.4});
 * INDArray x = m.sample(1000, new Rng(1));
 * int k = m.nearest(new double[] {2.5, -3.1});   // index of the nearest mean
 * }</pre>
 */
public final class IsotropicMixture implements Energy, ExactNormalizer, ExactSampler, Serializable {
  private static final long serialVersionUID = 1L;
  private static final double LOG_2PI = Math.log(2 * Math.PI);

  private final int k;
  private final int d;
  private final double[] mu;
  private final double[] w;
  private final double[] sd;
  /** log w_k - d log s_k - d/2 log(2 pi): the log of each component's constant. */
  private final double[] logc;
  private final double[] invVar;

  private IsotropicMixture(double[][] means, double[] weights, double[] sds) {
    if (means == null || weights == null || sds == null || means.length == 0 || means.length != weights.length
        || sds.length != means.length) {
      throw new IllegalArgumentException("means, weights and sds must be non-empty with one weight and one sd per"
          + " mean, got " + (means == null ? "null" : means.length) + " means, "
          + (weights == null ? "null" : weights.length) + " weights and " + (sds == null ? "null" : sds.length)
          + " sds");
    }
    this.k = means.length;
    this.d = means[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("means must have dimension at least 1, got 0");
    }
    double total = 0;
    for (int c = 0; c < k; c++) {
      if (!(weights[c] > 0) || !Double.isFinite(weights[c])) {
        throw new IllegalArgumentException("weights must be positive and finite, got " + weights[c] + " at " + c);
      }
      if (!(sds[c] > 0) || !Double.isFinite(sds[c])) {
        throw new IllegalArgumentException("sd must be positive and finite, got " + sds[c] + " at " + c);
      }
      total += weights[c];
    }
    mu = new double[k * d];
    w = new double[k];
    sd = sds.clone();
    logc = new double[k];
    invVar = new double[k];
    for (int c = 0; c < k; c++) {
      if (means[c].length != d) {
        throw new IllegalArgumentException("means[" + c + "] must have length " + d + ", got " + means[c].length);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(means[c][j])) {
          throw new IllegalArgumentException("means must be finite, got " + means[c][j] + " at [" + c + ", " + j
              + "]");
        }
        mu[c * d + j] = means[c][j];
      }
      w[c] = weights[c] / total;
      logc[c] = Math.log(w[c]) - d * Math.log(sd[c]) - 0.5 * d * LOG_2PI;
      invVar[c] = 1 / (sd[c] * sd[c]);
    }
  }

  /** The mixture with the given means [K][d], weights (normalised to sum 1) and one common standard deviation. */
  public static IsotropicMixture of(double[][] means, double[] weights, double sd) {
    double[] s = new double[means == null ? 0 : means.length];
    Arrays.fill(s, sd);
    return new IsotropicMixture(means, weights, s);
  }

  /** The mixture with the given means [K][d], weights (normalised to sum 1) and one standard deviation per mode. */
  public static IsotropicMixture of(double[][] means, double[] weights, double[] sds) {
    return new IsotropicMixture(means, weights, sds);
  }

  /**
   * Four 2-D modes of standard deviation sd at the corners of a square, in the order (-c, -c), (-c, +c), (+c, -c),
   * (+c, +c), with weights w[0..3].
   */
  public static IsotropicMixture square(double c, double sd, double[] weights) {
    if (!(c > 0) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("c must be positive and finite, got " + c);
    }
    return of(new double[][] {{-c, -c}, {-c, c}, {c, -c}, {c, c}}, weights, sd);
  }

  /**
   * Four unit-covariance modes in R^d (d even, at least 2) with means on half-blocks: mode k has a_k c on the first
   * d/2 coordinates and b_k c on the last d/2, (a, b) running over (-, -), (-, +), (+, -), (+, +). Neighbouring
   * modes are 2 c sqrt(d/2) apart.
   */
  public static IsotropicMixture halfBlocks(int d, double c, double[] weights) {
    if (d < 2 || d % 2 != 0) {
      throw new IllegalArgumentException("d must be even and at least 2, got " + d);
    }
    if (!(c > 0) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("c must be positive and finite, got " + c);
    }
    double[][] m = new double[4][d];
    for (int q = 0; q < 4; q++) {
      for (int j = 0; j < d; j++) {
        m[q][j] = (j < d / 2 ? (q < 2 ? -c : c) : (q % 2 == 0 ? -c : c));
      }
    }
    return of(m, weights, 1.0);
  }

  /** Number of components K. */
  public int components() {
    return k;
  }

  /** Component means as [K][d] (copy). */
  public double[][] means() {
    double[][] m = new double[k][d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(mu, c * d, m[c], 0, d);
    }
    return m;
  }

  /** Mode weights (copy; they sum to 1). */
  public double[] weights() {
    return w.clone();
  }

  /** Standard deviations of the components (copy). */
  public double[] sds() {
    return sd.clone();
  }

  /** Index of the mean nearest to x (Euclidean). */
  public int nearest(double[] x) {
    return nearest(x, 0);
  }

  /** Index of the mean nearest to the point at offset off of a flat row-major array. */
  int nearest(double[] x, int off) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double a = x[off + j] - mu[c * d + j];
        s += a * a;
      }
      if (s < bd) {
        bd = s;
        best = c;
      }
    }
    return best;
  }

  /** Fraction of the rows of x [N, d] nearest each mean (the nearest-mean shares), as [K]. */
  public double[] shares(INDArray x) {
    Batches.requireBatch(x, d, "x");
    double[] v = Batches.toArray(x);
    int n = (int) x.rows();
    double[] s = new double[k];
    for (int i = 0; i < n; i++) {
      s[nearest(v, i * d)] += 1.0 / n;
    }
    return s;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer gb = g == null ? null : Batches.buffer(g);
    Par.forRange((int) x.rows(), (ch, from, to) -> {
      double[] l = new double[k];
      for (int i = from; i < to; i++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          double s = 0;
          for (int j = 0; j < d; j++) {
            double a = xb.get(i * d + j) - mu[c * d + j];
            s += a * a;
          }
          l[c] = logc[c] - 0.5 * s * invVar[c];
          max = Math.max(max, l[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
          l[c] = Math.exp(l[c] - max);
          sum += l[c];
        }
        ub.put(i, -(max + Math.log(sum)));
        if (gb != null) {
          for (int j = 0; j < d; j++) {
            double xj = xb.get(i * d + j);
            double gj = 0;
            for (int c = 0; c < k; c++) {
              gj += l[c] * (xj - mu[c * d + j]) * invVar[c];
            }
            gb.put(i * d + j, gj / sum);
          }
        }
      }
    });
  }

  /** Exactly 0: each component is a normalised density and the weights sum to 1. */
  @Override
  public double logZ() {
    return 0.0;
  }

  /** Nothing to add: the mixture has no parameters. */
  @Override
  public void accumulateLogZGradient(double scale, INDArray out) {}

  @Override
  public INDArray sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng must not be null");
    }
    final double[] cum = w.clone();
    for (int c = 1; c < k; c++) {
      cum[c] += cum[c - 1];
    }
    INDArray x = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    Par.forRange(n, (ch, from, to) -> {
      SplitMix r = rng.stream(ch);
      for (int i = from; i < to; i++) {
        double u = r.nextDouble() * cum[k - 1];
        int c = 0;
        while (c < k - 1 && u >= cum[c]) {
          c++;
        }
        for (int j = 0; j < d; j++) {
          xb.put(i * d + j, mu[c * d + j] + sd[c] * Rng.normal(r));
        }
      }
    });
    return x;
  }

  /** n exact draws of component c only (e.g. to start chains in one mode). */
  public INDArray sampleComponent(int c, int n, Rng rng) {
    if (c < 0 || c >= k) {
      throw new IllegalArgumentException("component must be in [0, " + k + "), got " + c);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    INDArray x = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    rng.fillNormal(xb, n * d);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        xb.put(i * d + j, mu[c * d + j] + sd[c] * xb.get(i * d + j));
      }
    }
    return x;
  }

  @Override
  public String toString() {
    return "IsotropicMixture{K=" + k + ", d=" + d + ", weights=" + Arrays.toString(w) + ", sds="
        + Arrays.toString(sd) + "}";
  }
}
