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
 * <pre>{@code
 * Gaussian g = Energies.gaussian(new double[] {0, 1}, new double[] {1, 2});
 * INDArray x = g.sample(1000, 7);
 * }</pre>
 */
public final class Gaussian implements TrainableEnergy, ExactNormalizer, ExactSampler {
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
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, got " + n);
    }
    final double[] m = mean();
    final double[] s = std();
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

  @Override
  public String toString() {
    return "Gaussian{mean=" + Arrays.toString(mean()) + ", std=" + Arrays.toString(std()) + "}";
  }
}
