package io.ebm4j.discrete;

import io.ebm4j.nd.Batches;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Maximum likelihood for a small {@link BoltzmannMachine} by Newton's method with exact moments. The mean
 * log-likelihood of an exponential family is concave, with gradient and Hessian
 *
 * <pre>
 *   grad = E_data[T] - E_theta[T],      Hessian = -Cov_theta[T],      T(x) = (x_i, x_i x_j for i < j)
 * </pre>
 *
 * both by enumeration of the 2^n states, so theta += Cov_theta[T]^{-1} (E_data[T] - E_theta[T]) converges
 * quadratically near the optimum (each step halved until the log-likelihood does not decrease). It is a second route
 * to the parameters that moment matching ({@link BoltzmannTraining#exactMoments}) reaches by gradient ascent; the
 * maximum exists when the data moments lie inside the marginal polytope (e.g. every pair of sites is seen in all four
 * joint states). At most {@value ExactPartition#MAX_TABLE_SITES} sites.
 *
 * <pre>{@code
 * BoltzmannFit mle = BoltzmannNewton.of(BoltzmannMachine.of(10)).tolerance(1e-12).fit(data);
 * }</pre>
 */
public final class BoltzmannNewton {
  private final BoltzmannMachine machine;
  private int steps = 100;
  private double tolerance = 1e-12;

  private BoltzmannNewton(BoltzmannMachine machine) {
    if (machine == null) {
      throw new IllegalArgumentException("machine must not be null");
    }
    if (machine.dim() > ExactPartition.MAX_TABLE_SITES) {
      throw new IllegalArgumentException("sites must be at most " + ExactPartition.MAX_TABLE_SITES
          + " for exact enumeration, got " + machine.dim());
    }
    this.machine = machine;
  }

  /** Newton's method from (a copy of) machine. */
  public static BoltzmannNewton of(BoltzmannMachine machine) {
    return new BoltzmannNewton(machine);
  }

  /** Maximum number of Newton steps, at least 1 (default 100). */
  public BoltzmannNewton steps(int k) {
    Bin.requirePositive(k, "steps");
    this.steps = k;
    return this;
  }

  /** Stop once the moment gap max_k |E_data T_k - E_theta T_k| is at most t (default 1e-12). */
  public BoltzmannNewton tolerance(double t) {
    if (!(t >= 0) || !Double.isFinite(t)) {
      throw new IllegalArgumentException("tolerance must be non-negative and finite, got " + t);
    }
    this.tolerance = t;
    return this;
  }

  /** Fits data [N, n] of 0/1 values; the history has one row per step: momentGap, logLikelihood. */
  public BoltzmannFit fit(INDArray data) {
    BoltzmannMachine bm = machine.copy();
    INDArray x = Encoding.ZERO_ONE.requireStates(data, bm.dim(), "data");
    int p = bm.numParams();
    double[] target = Batches.toArray(bm.moments(x));
    HistoryRows history = new HistoryRows("step");
    double ll = logLikelihood(bm, x);
    double gap = Double.NaN;
    for (int step = 0; step <= steps; step++) {
      double[] model = modelMoments(bm);
      double[] grad = new double[p];
      gap = 0;
      for (int k = 0; k < p; k++) {
        grad[k] = target[k] - model[k];
        gap = Math.max(gap, Math.abs(grad[k]));
      }
      Map<String, Double> row = new LinkedHashMap<>();
      row.put("momentGap", gap);
      row.put("logLikelihood", ll);
      history.add(step, row);
      if (gap <= tolerance || step == steps) {
        break;
      }
      double[] dir = solve(covariance(bm), grad);
      double[] theta = Bin.values(bm.params());
      double t = 1;
      while (true) {
        double[] next = new double[p];
        for (int k = 0; k < p; k++) {
          next[k] = theta[k] + t * dir[k];
        }
        bm.params().assign(Batches.vector(next));
        double llNext = logLikelihood(bm, x);
        if (llNext >= ll - 1e-12 * Math.abs(ll) || t < 1e-8) {
          ll = llNext;
          break;
        }
        t /= 2;
      }
    }
    return new BoltzmannFit(bm, history.table("boltzmann-newton"), gap);
  }

  /** Mean log-likelihood of x under bm, by exact log Z. */
  static double logLikelihood(BoltzmannMachine bm, INDArray x) {
    return -bm.energy(x).meanNumber().doubleValue() - ExactPartition.logZ(bm);
  }

  /** E_theta[T] [P] by enumeration. */
  static double[] modelMoments(BoltzmannMachine bm) {
    double[] e = Batches.toArray(ExactPartition.expectedParamGradient(bm));
    for (int k = 0; k < e.length; k++) {
      e[k] = -e[k];
    }
    return e;
  }

  /** Cov_theta[T] [P][P] by enumeration: minus the Hessian of the mean log-likelihood. */
  static double[][] covariance(BoltzmannMachine bm) {
    int n = bm.dim();
    int p = bm.numParams();
    double[] prob = ExactPartition.probabilities(bm);
    int states = prob.length;
    INDArray a = Batches.zeros(states, p);
    java.nio.DoubleBuffer ab = Batches.buffer(a);
    double[] mean = new double[p];
    for (int s = 0; s < states; s++) {
      double w = Math.sqrt(prob[s]);
      for (int i = 0; i < n; i++) {
        if ((s >>> i & 1) == 0) {
          continue;
        }
        ab.put(s * p + i, w);
        mean[i] += prob[s];
        for (int j = i + 1; j < n; j++) {
          if ((s >>> j & 1) != 0) {
            int q = BoltzmannMachine.pair(n, i, j);
            ab.put(s * p + q, w);
            mean[q] += prob[s];
          }
        }
      }
    }
    double[] second = Batches.toArray(a.transpose().mmul(a));
    double[][] cov = new double[p][p];
    for (int k = 0; k < p; k++) {
      for (int l = 0; l < p; l++) {
        cov[k][l] = second[k * p + l] - mean[k] * mean[l];
      }
    }
    return cov;
  }

  /** Solves A z = b for a symmetric positive-definite A by Cholesky. */
  static double[] solve(double[][] a, double[] b) {
    int p = b.length;
    double[][] l = new double[p][p];
    for (int i = 0; i < p; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            throw new IllegalStateException("the covariance of the sufficient statistics is not positive definite"
                + " (pivot " + s + " at " + i + "): the model is degenerate, so Newton's step is undefined");
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] z = new double[p];
    for (int i = 0; i < p; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * z[k];
      }
      z[i] = s / l[i][i];
    }
    for (int i = p - 1; i >= 0; i--) {
      double s = z[i];
      for (int k = i + 1; k < p; k++) {
        s -= l[k][i] * z[k];
      }
      z[i] = s / l[i][i];
    }
    return z;
  }
}
