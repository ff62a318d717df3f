package io.ebm4j.discrete;

import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Resampling;
import java.nio.DoubleBuffer;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Jarzynski-reweighted PCD for RBMs, the discrete-state version of Algorithm 1 of Carbone, Hua, Coste,
 * Vanden-Eijnden, "Efficient Training of Energy-Based Models Using Jarzynski Equality", NeurIPS 2023,
 * https://arxiv.org/abs/2305.19414. Walkers X^i with log-weights A^i (A_0 = 0, X_0 ~ rho_{theta_0} exactly; for
 * large RBMs importance-weighted draws of the factorised RBM, see {@link #start}):
 *
 * <pre>
 *   grad_k      = mean_batch dF/dtheta(v) - sum_i softmax(A_k)_i dF/dtheta(X^i_k)
 *   theta_{k+1} = theta_k - learningRate * grad_k
 *   A_{k+1}     = A_k + F_{theta_k}(X_k) - F_{theta_{k+1}}(X_k),   X_{k+1} ~ kernel at theta_{k+1}
 *   if ESS/N < threshold: log-offset += log mean e^{A}, resample, A = 0
 * </pre>
 *
 * so that log Z_{theta_k} - log Z_{theta_0} is estimated by the offset plus log mean e^{A_k}. Any kernel leaving
 * exp(-F_theta) invariant can be used (default block Gibbs).
 *
 * <p>Jarzynski's identity E[e^{A_k}] = Z_{theta_k}/Z_{theta_0} is exact for a parameter path fixed in advance. Here
 * theta_{k+1} depends on the walkers through the negative phase (it raises the energy where they are), which biases
 * the log Z estimate low by roughly learningRate * (number of updates) / N times the variance of dF/dtheta: use many
 * walkers when log Z itself is wanted.
 */
public final class RbmJarzynski implements RbmMethod {
  private final int walkers;
  private final int sweeps;
  private final double threshold;
  private final Resampling resampling;
  private final DiscreteKernel<? super Rbm> kernel;

  RbmJarzynski(int walkers, int sweeps, double threshold, Resampling resampling, DiscreteKernel<? super Rbm> kernel) {
    RbmNegativePhase.requireWalkers(walkers);
    RbmNegativePhase.requireSweeps(sweeps);
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + threshold);
    }
    if (resampling == null || kernel == null) {
      throw new IllegalArgumentException("resampling and kernel must not be null");
    }
    this.walkers = walkers;
    this.sweeps = sweeps;
    this.threshold = threshold;
    this.resampling = resampling;
    this.kernel = kernel;
  }

  /** Number of walkers N (default 100). */
  public RbmJarzynski walkers(int n) {
    return new RbmJarzynski(n, sweeps, threshold, resampling, kernel);
  }

  /** Kernel sweeps per update (default 1): the first transports (updates A), the others are plain steps. */
  public RbmJarzynski sweeps(int k) {
    return new RbmJarzynski(walkers, k, threshold, resampling, kernel);
  }

  /** Resample when ESS/N falls below t in (0, 1] (default 0.5). */
  public RbmJarzynski resampleBelowEss(double t) {
    if (!(t > 0 && t <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + t);
    }
    return new RbmJarzynski(walkers, sweeps, t, resampling, kernel);
  }

  /** Never resample. */
  public RbmJarzynski noResampling() {
    return new RbmJarzynski(walkers, sweeps, 0.0, resampling, kernel);
  }

  /** Resampling scheme (default systematic). */
  public RbmJarzynski resampling(Resampling r) {
    return new RbmJarzynski(walkers, sweeps, threshold, r, kernel);
  }

  /** Kernel moving the walkers (default block Gibbs). */
  public RbmJarzynski kernel(DiscreteKernel<? super Rbm> k) {
    return new RbmJarzynski(walkers, sweeps, threshold, resampling, k);
  }

  @Override
  public String name() {
    return "jarzynski";
  }

  /**
   * Walkers start at exact draws of the initial RBM when min(n_v, n_h) is at most 20 or the weights are zero.
   * Otherwise they start at exact draws of the same RBM with W = 0 (independent units) and carry the importance
   * log-weights A_0 = F_{W=0}(X) - F(X), which is the Jarzynski rule for the first step of a path from that
   * factorised model to the initial one: the estimator stays unbiased and log Z_{theta_0} is estimated too. With the
   * small random weights RBMs usually start from, the weights are nearly uniform.
   */
  @Override
  public Estimator start(Rbm rbm, INDArray data, Rng rng) {
    BinaryChains c;
    double logZ0;
    boolean small = Math.min(rbm.visible(), rbm.hidden()) <= ExactPartition.MAX_TABLE_SITES || rbm.weightsZero();
    if (small) {
      c = kernel.init(rbm, ExactPartition.sample(rbm, walkers, rng));
      logZ0 = ExactPartition.logZ(rbm);
    } else {
      Rbm base = rbm.copy();
      Bin.view(base.params(), 0, 1, (long) rbm.hidden() * rbm.visible()).assign(0);
      INDArray x0 = ExactPartition.sample(base, walkers, rng);
      INDArray a0 = base.energy(x0).subi(rbm.energy(x0));
      c = kernel.init(rbm, x0);
      DoubleBuffer ab = Batches.buffer(a0);
      for (int i = 0; i < c.n; i++) {
        c.wb.put(i, ab.get(i));
      }
      logZ0 = ExactPartition.logZ(base);
    }
    final double logZStart = logZ0;
    INDArray w = Batches.zeros(walkers);
    WeightSummary first = c.normalizedWeights(w);
    return new Estimator() {
      private double offset;
      private double logMean = first.logMeanExp();
      private double ess = first.essFraction();
      private int resamplings;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        rbm.accumulateParamGradient(batch, null, 1.0 / batch.rows(), out);
        RbmNegativePhase.accumulate(rbm, c, w, -1.0, out);
      }

      @Override
      public void afterUpdate() {
        kernel.transport(rbm, c, rng);
        for (int t = 1; t < sweeps; t++) {
          kernel.step(rbm, c, rng);
        }
        WeightSummary ws = c.normalizedWeights(w);
        ess = ws.essFraction();
        logMean = ws.logMeanExp();
        if (ess < threshold) {
          offset += logMean;
          c.resample(resampling.ancestors(Batches.toArray(w), rng));
          DoubleBuffer wb = Batches.buffer(w);
          for (int i = 0; i < c.n; i++) {
            wb.put(i, 1.0 / c.n);
          }
          logMean = 0;
          resamplings++;
        }
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("logZRatio", offset + logMean);
        row.put("logZ", logZStart + offset + logMean);
        row.put("essFraction", ess);
        row.put("resamplings", (double) resamplings);
      }
    };
  }
}
