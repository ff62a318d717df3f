package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mixture of K unit-covariance Gaussians with learnable means and log-weights:
 *
 * <pre>
 *   U(x) = -log sum_k exp(alpha_k - |x - mu_k|^2 / 2),   Z = (2 pi)^{d/2} sum_k exp(alpha_k),
 * </pre>
 *
 * so the weight of mode k is softmax(alpha)_k. Parameters theta = (mu_1..mu_K flattened, alpha_1..alpha_K). With
 * responsibilities r_k(x) = softmax_k(alpha_k - |x-mu_k|^2/2): grad_x U = sum_k r_k (x - mu_k),
 * dU/dmu_k = -r_k (x - mu_k), dU/dalpha_k = -r_k, and d log Z / d alpha = softmax(alpha).
 *
 * <pre>{@code
 * GaussianMixture m = Energies.mixture(new double[][] {{-10}, {6}}, new double[] {0.25, 0.75});
 * double[] w = m.weights();   // {0.25, 0.75}
 * }</pre>
 */
public final class GaussianMixture implements TrainableEnergy, ExactNormalizer, ExactSampler {
  private final int k;
  private final int d;
  private final INDArray params;

  GaussianMixture(double[][] means, double[] weights) {
    if (means == null || weights == null || means.length == 0 || means.length != weights.length) {
      throw new IllegalArgumentException("means and weights must be non-empty with one weight per mean, got "
          + (means == null ? "null" : means.length) + " means and "
          + (weights == null ? "null" : weights.length) + " weights");
    }
    this.k = means.length;
    this.d = means[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("means must have dimension at least 1, got 0");
    }
    double[] p = new double[k * d + k];
    for (int m = 0; m < k; m++) {
      if (means[m].length != d) {
        throw new IllegalArgumentException("means[" + m + "] must have length " + d + ", got " + means[m].length);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(means[m][j])) {
          throw new IllegalArgumentException("means must be finite, got " + means[m][j] + " at [" + m + ", " + j
              + "]");
        }
        p[m * d + j] = means[m][j];
      }
      if (!(weights[m] > 0) || !Double.isFinite(weights[m])) {
        throw new IllegalArgumentException("weights must be positive and finite, got " + weights[m] + " at " + m);
      }
      p[k * d + m] = Math.log(weights[m]);
    }
    this.params = Batches.vector(p);
  }

  /** Number of components K. */
  public int components() {
    return k;
  }

  /** Component means as [K][d] (copy). */
  public double[][] means() {
    double[] p = Batches.toArray(params);
    double[][] m = new double[k][d];
    for (int c = 0; c < k; c++) {
      System.arraycopy(p, c * d, m[c], 0, d);
    }
    return m;
  }

  /** Mode weights softmax(alpha). */
  public double[] weights() {
    double[] p = Batches.toArray(params);
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, p[k * d + c]);
    }
    double[] w = new double[k];
    double s = 0;
    for (int c = 0; c < k; c++) {
      w[c] = Math.exp(p[k * d + c] - max);
      s += w[c];
    }
    for (int c = 0; c < k; c++) {
      w[c] /= s;
    }
    return w;
  }

  @Override
  public int dim() {
    return d;
  }

  @Override
  public INDArray params() {
    return params;
  }

  @Override
  public String[] paramNames() {
    String[] names = new String[k * d + k];
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < d; j++) {
        names[c * d + j] = "mu" + c + "_" + j;
      }
      names[k * d + c] = "alpha" + c;
    }
    return names;
  }

  @Override
  public GaussianMixture copy() {
    return new GaussianMixture(means(), weights());
  }

  /** Rows per block of the fused loops: a block of positions, about 16 KB, stays in L1 while it is used. */
  private int blockRows() {
    return Math.max(1, 2048 / d);
  }

  /**
   * Fills r with responsibilities of the row at xs[o, o + d) and returns U at it. The squared distances are summed in
   * four interleaved partial sums (coordinates j = 0, 1, 2, 3 mod 4), which the processor overlaps; one running sum
   * made each row wait on d dependent additions.
   */
  private double responsibilities(double[] xs, int o, double[] p, double[] r) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      int q = c * d;
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      int j = 0;
      for (; j + 3 < d; j += 4) {
        double t0 = xs[o + j] - p[q + j];
        double t1 = xs[o + j + 1] - p[q + j + 1];
        double t2 = xs[o + j + 2] - p[q + j + 2];
        double t3 = xs[o + j + 3] - p[q + j + 3];
        s0 += t0 * t0;
        s1 += t1 * t1;
        s2 += t2 * t2;
        s3 += t3 * t3;
      }
      for (; j < d; j++) {
        double t = xs[o + j] - p[q + j];
        s0 += t * t;
      }
      double s = (s0 + s1) + (s2 + s3);
      r[c] = p[k * d + c] - 0.5 * s;
      max = Math.max(max, r[c]);
    }
    double sum = 0;
    for (int c = 0; c < k; c++) {
      r[c] = Math.exp(r[c] - max);
      sum += r[c];
    }
    for (int c = 0; c < k; c++) {
      r[c] /= sum;
    }
    return -(max + Math.log(sum));
  }

  /**
   * Energies and gradients in blocks of rows copied to arrays (one bulk copy in and out per block, instead of a
   * bounds-checked buffer access per coordinate); the arithmetic, and its order, is the row-by-row formula's.
   */
  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    final double[] p = Batches.toArray(params);
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer gb = g == null ? null : Batches.buffer(g);
    final int rows = blockRows();
    Par.forRange((int) x.rows(), (ch, from, to) -> {
      double[] r = new double[k];
      double[] xs = new double[rows * d];
      double[] us = new double[rows];
      double[] gs = gb == null ? null : new double[rows * d];
      for (int b = from; b < to; b += rows) {
        int m = Math.min(rows, to - b);
        xb.get(b * d, xs, 0, m * d);
        for (int i = 0; i < m; i++) {
          us[i] = responsibilities(xs, i * d, p, r);
          if (gs != null) {
            for (int j = 0; j < d; j++) {
              double xj = xs[i * d + j];
              double s = 0;
              for (int c = 0; c < k; c++) {
                s += r[c] * (xj - p[c * d + j]);
              }
              gs[i * d + j] = s;
            }
          }
        }
        ub.put(b, us, 0, m);
        if (gs != null) {
          gb.put(b * d, gs, 0, m * d);
        }
      }
    });
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    final double[] p = Batches.toArray(params);
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer wb = w == null ? null : Batches.buffer(w);
    final int n = (int) x.rows();
    final int np = k * d + k;
    final int rows = blockRows();
    int chunks = Par.chunks(n);
    double[][] partial = new double[chunks][np];
    Par.forRange(n, (ch, from, to) -> {
      double[] r = new double[k];
      double[] acc = partial[ch];
      double[] xs = new double[rows * d];
      double[] ws = new double[rows];
      for (int b = from; b < to; b += rows) {
        int m = Math.min(rows, to - b);
        xb.get(b * d, xs, 0, m * d);
        if (wb != null) {
          wb.get(b, ws, 0, m);
        }
        for (int i = 0; i < m; i++) {
          double wi = wb == null ? 1.0 : ws[i];
          responsibilities(xs, i * d, p, r);
          for (int c = 0; c < k; c++) {
            double wr = wi * r[c];
            for (int j = 0; j < d; j++) {
              acc[c * d + j] -= wr * (xs[i * d + j] - p[c * d + j]);
            }
            acc[k * d + c] -= wr;
          }
        }
      }
    });
    DoubleBuffer ob = out.data().asNioDouble();
    int off = (int) out.offset();
    for (int q = 0; q < np; q++) {
      double s = 0;
      for (int ch = 0; ch < chunks; ch++) {
        s += partial[ch][q];
      }
      ob.put(off + q, ob.get(off + q) + scale * s);
    }
  }

  @Override
  public double logZ() {
    double[] p = Batches.toArray(params);
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < k; c++) {
      max = Math.max(max, p[k * d + c]);
    }
    double s = 0;
    for (int c = 0; c < k; c++) {
      s += Math.exp(p[k * d + c] - max);
    }
    return max + Math.log(s) + 0.5 * d * Math.log(2 * Math.PI);
  }

  @Override
  public void accumulateLogZGradient(double scale, INDArray out) {
    double[] w = weights();
    for (int c = 0; c < k; c++) {
      out.putScalar(k * d + c, out.getDouble(k * d + c) + scale * w[c]);
    }
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    final double[][] m = means();
    final double[] cum = weights();
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
          xb.put(i * d + j, m[c][j] + Rng.normal(r));
        }
      }
    });
    return x;
  }

  @Override
  public String toString() {
    return "GaussianMixture{means=" + Arrays.deepToString(means()) + ", weights=" + Arrays.toString(weights()) + "}";
  }
}
