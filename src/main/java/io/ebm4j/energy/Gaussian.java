package io.ebm4j.energy;

import io.ebm4j.nd.Batches;
import io.ebm4j.nd.Par;
import io.ebm4j.random.Rng;
import java.nio.DoubleBuffer;
import java.util.Arrays;
import io.ebm4j.random.SplitMix;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Gaussian with diagonal covariance, U(x) = sum_j (x_j - mu_j)^2 / (2 sigma_j^2), parameters theta = (mu, log
 * sigma). Z = prod_j sqrt(2 pi) sigma_j, so log Z = d/2 log(2 pi) + sum_j log sigma_j. Maximum likelihood fits the
 * data's mean and (biased) variance exactly: the toy with a known optimum.
 *
 * <p>With r = x - mu and p_j = sigma_j^-2: grad_x U = r p and Laplacian U = sum_j p_j, so every score-matching
 * objective has a closed form (all implemented here, with their parameter gradients). Tempering keeps it Gaussian:
 * exp(-beta U) is N(mu, sigma^2 / beta).
 *
 * <pre>{@code
 * Gaussian g = Energies.gaussian(new double[] {0, 1}, new double[] {1, 2});
 * INDArray x = g.sample(1000, 7);
 * }</pre>
 */
public final class Gaussian implements TrainableEnergy, ExactNormalizer, ExactSampler, Temperable, ScoreMatchable,
    SlicedScoreMatchable, DenoisingScoreMatchable {
  private final int d;
  private final INDArray params;

  Gaussian(double[] mean, double[] std) {
    if (mean == null || std == null || mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException("mean and std must be non-empty and of equal length, got "
          + Arrays.toString(mean) + " and " + Arrays.toString(std));
    }
    double[] p = new double[2 * mean.length];
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) {
        throw new IllegalArgumentException("mean must be finite, got " + mean[j] + " at " + j);
      }
      if (!(std[j] > 0) || !Double.isFinite(std[j])) {
        throw new IllegalArgumentException("std must be positive and finite, got " + std[j] + " at " + j);
      }
      p[j] = mean[j];
      p[mean.length + j] = Math.log(std[j]);
    }
    this.d = mean.length;
    this.params = Batches.vector(p);
  }

  /** Current mean (copy). */
  public double[] mean() {
    return Arrays.copyOfRange(Batches.toArray(params), 0, d);
  }

  /** Current standard deviations. */
  public double[] std() {
    double[] p = Batches.toArray(params);
    double[] s = new double[d];
    for (int j = 0; j < d; j++) {
      s[j] = Math.exp(p[d + j]);
    }
    return s;
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
    String[] names = new String[2 * d];
    for (int j = 0; j < d; j++) {
      names[j] = "mu" + j;
      names[d + j] = "logSigma" + j;
    }
    return names;
  }

  @Override
  public Gaussian copy() {
    return new Gaussian(mean(), std());
  }

  @Override
  public void evaluate(INDArray x, INDArray u, INDArray g) {
    final double[] p = Batches.toArray(params);
    final double[] prec = new double[d];
    for (int j = 0; j < d; j++) {
      prec[j] = Math.exp(-2 * p[d + j]);
    }
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer ub = Batches.buffer(u);
    final DoubleBuffer gb = g == null ? null : Batches.buffer(g);
    Par.forRange((int) x.rows(), (c, from, to) -> {
      for (int i = from; i < to; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double r = xb.get(i * d + j) - p[j];
          s += r * r * prec[j];
          if (gb != null) {
            gb.put(i * d + j, r * prec[j]);
          }
        }
        ub.put(i, 0.5 * s);
      }
    });
  }

  @Override
  public void accumulateParamGradient(INDArray x, INDArray w, double scale, INDArray out) {
    // dU/dmu_j = -(x_j - mu_j) / sigma_j^2 ; dU/dlog sigma_j = -(x_j - mu_j)^2 / sigma_j^2
    final double[] p = Batches.toArray(params);
    final DoubleBuffer xb = Batches.buffer(x);
    final DoubleBuffer wb = w == null ? null : Batches.buffer(w);
    final int n = (int) x.rows();
    double[] acc = new double[2 * d];
    for (int i = 0; i < n; i++) {
      double wi = wb == null ? 1.0 : wb.get(i);
      for (int j = 0; j < d; j++) {
        double prec = Math.exp(-2 * p[d + j]);
        double r = xb.get(i * d + j) - p[j];
        acc[j] -= wi * r * prec;
        acc[d + j] -= wi * r * r * prec;
      }
    }
    DoubleBuffer ob = out.data().asNioDouble();
    for (int k = 0; k < 2 * d; k++) {
      ob.put((int) out.offset() + k, ob.get((int) out.offset() + k) + scale * acc[k]);
    }
  }

  @Override
  public double logZ() {
    double[] p = Batches.toArray(params);
    double s = 0.5 * d * Math.log(2 * Math.PI);
    for (int j = 0; j < d; j++) {
      s += p[d + j];
    }
    return s;
  }

  @Override
  public void accumulateLogZGradient(double scale, INDArray out) {
    for (int j = 0; j < d; j++) {
      out.putScalar(d + j, out.getDouble(d + j) + scale);
    }
  }

  @Override
  public INDArray sample(int n, Rng rng) {
    return sample(1.0, n, rng);
  }

  @Override
  public double logZ(double beta) {
    requireBeta(beta);
    return logZ() - 0.5 * d * Math.log(beta);
  }

  @Override
  public void accumulateLogZGradient(double beta, double scale, INDArray out) {
    requireBeta(beta);
    accumulateLogZGradient(scale, out);
  }

  @Override
  public INDArray sample(double beta, int n, Rng rng) {
    requireBeta(beta);
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    final double[] m = mean();
    final double[] s = std();
    if (beta != 1.0) {
      for (int j = 0; j < d; j++) {
        s[j] /= Math.sqrt(beta);
      }
    }
    INDArray x = Batches.zeros(n, d);
    DoubleBuffer xb = Batches.buffer(x);
    Par.forRange(n, (c, from, to) -> {
      SplitMix r = rng.stream(c);
      for (int i = from; i < to; i++) {
        for (int j = 0; j < d; j++) {
          xb.put(i * d + j, m[j] + s[j] * Rng.normal(r));
        }
      }
    });
    return x;
  }

  private static void requireBeta(double beta) {
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be positive and finite, got " + beta);
    }
  }

  /** Precisions p_j = sigma_j^-2 at the current parameters. */
  private double[] precisions(double[] p) {
    double[] prec = new double[d];
    for (int j = 0; j < d; j++) {
      prec[j] = Math.exp(-2 * p[d + j]);
    }
    return prec;
  }

  /** Row term |r p|^2 / 2 - sum_j p_j; d/dmu_j = -r_j p_j^2, d/dlog sigma_j = -2 r_j^2 p_j^2 + 2 p_j. */
  @Override
  public double scoreMatchingLoss(INDArray x) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    double[] p = Batches.toArray(params);
    double[] prec = precisions(p);
    DoubleBuffer xb = Batches.buffer(xs);
    int n = (int) xs.rows();
    double s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double g = (xb.get(i * d + j) - p[j]) * prec[j];
        s += 0.5 * g * g - prec[j];
      }
    }
    return s / n;
  }

  @Override
  public void accumulateScoreMatchingGradient(INDArray x, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    double[] p = Batches.toArray(params);
    double[] prec = precisions(p);
    DoubleBuffer xb = Batches.buffer(xs);
    int n = (int) xs.rows();
    double[] acc = new double[2 * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double r = xb.get(i * d + j) - p[j];
        double pp = prec[j] * prec[j];
        acc[j] -= r * pp;
        acc[d + j] += -2 * r * r * pp + 2 * prec[j];
      }
    }
    addInto(out, acc, scale);
  }

  /** Row term -sum_j v_j^2 p_j + s^2 / 2 with s = sum_j v_j r_j p_j. */
  @Override
  public double slicedScoreMatchingLoss(INDArray x, INDArray v) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    INDArray vs = requireProjections(v, xs);
    double[] p = Batches.toArray(params);
    double[] prec = precisions(p);
    DoubleBuffer xb = Batches.buffer(xs);
    DoubleBuffer vb = Batches.buffer(vs);
    int n = (int) xs.rows();
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        double vj = vb.get(i * d + j);
        s += vj * (xb.get(i * d + j) - p[j]) * prec[j];
        loss -= vj * vj * prec[j];
      }
      loss += 0.5 * s * s;
    }
    return loss / n;
  }

  /** d/dmu_j = -s v_j p_j, d/dlog sigma_j = 2 v_j^2 p_j - 2 s v_j r_j p_j. */
  @Override
  public void accumulateSlicedScoreMatchingGradient(INDArray x, INDArray v, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    INDArray vs = requireProjections(v, xs);
    double[] p = Batches.toArray(params);
    double[] prec = precisions(p);
    DoubleBuffer xb = Batches.buffer(xs);
    DoubleBuffer vb = Batches.buffer(vs);
    int n = (int) xs.rows();
    double[] acc = new double[2 * d];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += vb.get(i * d + j) * (xb.get(i * d + j) - p[j]) * prec[j];
      }
      for (int j = 0; j < d; j++) {
        double vj = vb.get(i * d + j);
        double r = xb.get(i * d + j) - p[j];
        acc[j] -= s * vj * prec[j];
        acc[d + j] += 2 * vj * vj * prec[j] - 2 * s * vj * r * prec[j];
      }
    }
    addInto(out, acc, scale);
  }

  /** a . grad U = sum_j a_j r_j p_j: d/dmu_j = -a_j p_j, d/dlog sigma_j = -2 a_j r_j p_j. */
  @Override
  public void accumulateMixedGradient(INDArray x, INDArray a, double scale, INDArray out) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    INDArray as = requireProjections(a, xs);
    double[] p = Batches.toArray(params);
    double[] prec = precisions(p);
    DoubleBuffer xb = Batches.buffer(xs);
    DoubleBuffer ab = Batches.buffer(as);
    int n = (int) xs.rows();
    double[] acc = new double[2 * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double aj = ab.get(i * d + j);
        acc[j] -= aj * prec[j];
        acc[d + j] -= 2 * aj * (xb.get(i * d + j) - p[j]) * prec[j];
      }
    }
    addInto(out, acc, scale);
  }

  @Override
  public double denoisingScoreMatchingLoss(INDArray x, INDArray eps, double sigma) {
    return Denoising.loss(this, x, eps, sigma);
  }

  @Override
  public void accumulateDenoisingScoreMatchingGradient(INDArray x, INDArray eps, double sigma, double scale,
      INDArray out) {
    Denoising.accumulate(this, x, eps, sigma, scale, out);
  }

  @Override
  public INDArray accumulateDenoisingScoreMatchingGradient(INDArray x, double sigma, Rng rng, double scale,
      INDArray out) {
    INDArray xs = Batches.requireBatch(x, d, "x");
    Denoising.requireSigma(sigma);
    INDArray eps = Denoising.noise(rng, xs.rows(), d);
    Denoising.accumulate(this, xs, eps, sigma, scale, out);
    return eps;
  }

  /** A batch v [N, d] with as many rows as x (projections, or the field of a mixed gradient). */
  private INDArray requireProjections(INDArray v, INDArray xs) {
    INDArray vs = Batches.requireBatch(v, d, "v");
    if (vs.rows() != xs.rows()) {
      throw new IllegalArgumentException("v must have as many rows as x (" + xs.rows() + "), got " + vs.rows());
    }
    return vs;
  }

  /** out += scale * acc, for out [2d] of any layout. */
  private static void addInto(INDArray out, double[] acc, double scale) {
    for (int k = 0; k < acc.length; k++) {
      out.putScalar(k, out.getDouble(k) + scale * acc[k]);
    }
  }

  @Override
  public String toString() {
    return "Gaussian{mean=" + Arrays.toString(mean()) + ", std=" + Arrays.toString(std()) + "}";
  }
}
