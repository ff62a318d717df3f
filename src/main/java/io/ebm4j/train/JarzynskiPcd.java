package io.ebm4j.train;

import io.ebm4j.energy.ExactNormalizer;
import io.ebm4j.estimate.WeightSummary;
import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import io.ebm4j.sample.Resampling;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Jarzynski-reweighted PCD, Algorithm 1 of Carbone, Hua, Coste, Vanden-Eijnden, "Efficient Training of Energy-Based Models Using Jarzynski Equality", NeurIPS 2023 (https://arxiv.org/abs/2305.19414). Walkers X^i carry
 * log-weights A^i (A_0 = 0, X_0 ~ rho_{theta_0}); at step k
 *
 * <pre>
 *   grad_k  = (1/B) sum_batch dU/dtheta(x_*) - sum_i W^i dU/dtheta(X^i_k),   W^i = e^{A^i} / sum_j e^{A^j}
 *   theta_{k+1} = opt(theta_k, grad_k)
 *   (X_{k+1}, A_{k+1}) = kernel transport from theta_k to theta_{k+1}   (see Kernel#transport, Ula)
 *   if ESS/N &lt; threshold: log Zhat += log mean e^{A}, resample walkers, A = 0
 * </pre>
 *
 * so that sum_i W^i f(X^i_k) estimates E_{theta_k}[f] and log Z_k = log Z_0 + log mean e^{A_k} (plus what earlier
 * resamplings accumulated) estimates the log partition function.
 *
 * <pre>{@code
 * Method j = Methods.jarzynski(Kernels.ula(0.1)).walkers(10_000).resampleBelowEss(0.5);
 * }</pre>
 */
public final class JarzynskiPcd implements Method {
  private final Kernel kernel;
  private final WalkerInit init;
  private final double threshold;
  private final Resampling resampling;
  private final int stepsPerUpdate;

  JarzynskiPcd(Kernel kernel, WalkerInit init, double threshold, Resampling resampling, int stepsPerUpdate) {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + threshold);
    }
    if (stepsPerUpdate < 1) {
      throw new IllegalArgumentException("stepsPerUpdate must be at least 1, got " + stepsPerUpdate);
    }
    this.kernel = kernel;
    this.init = init;
    this.threshold = threshold;
    this.resampling = resampling;
    this.stepsPerUpdate = stepsPerUpdate;
  }

  /** Number of walkers N. */
  public JarzynskiPcd walkers(int n) {
    return new JarzynskiPcd(kernel, new WalkerInit(n, init.from(), init.x0()), threshold, resampling, stepsPerUpdate);
  }

  /** Start walkers at exact draws of the initial model (the default, and what the identity assumes). */
  public JarzynskiPcd initFromModel() {
    return new JarzynskiPcd(kernel, new WalkerInit(init.walkers(), WalkerInit.MODEL, null), threshold, resampling,
        stepsPerUpdate);
  }

  /** Start walkers at random rows of the data (weights then do not correct for the start). */
  public JarzynskiPcd initFromData() {
    return new JarzynskiPcd(kernel, new WalkerInit(init.walkers(), WalkerInit.DATA, null), threshold, resampling,
        stepsPerUpdate);
  }

  /** Start walkers at given positions [N, d]. */
  public JarzynskiPcd initFrom(INDArray x0) {
    return new JarzynskiPcd(kernel, new WalkerInit((int) x0.rows(), WalkerInit.GIVEN, x0), threshold, resampling,
        stepsPerUpdate);
  }

  /** Resample when ESS/N falls below t, t in (0, 1]. */
  public JarzynskiPcd resampleBelowEss(double t) {
    if (!(t > 0 && t <= 1)) {
      throw new IllegalArgumentException("resampleBelowEss must be in (0, 1], got " + t);
    }
    return new JarzynskiPcd(kernel, init, t, resampling, stepsPerUpdate);
  }

  /** Never resample. */
  public JarzynskiPcd noResampling() {
    return new JarzynskiPcd(kernel, init, 0.0, resampling, stepsPerUpdate);
  }

  /** Resampling scheme (default systematic). */
  public JarzynskiPcd resampling(Resampling r) {
    return new JarzynskiPcd(kernel, init, threshold, r, stepsPerUpdate);
  }

  /** Kernel steps per parameter update (default 1); every step updates the weights. */
  public JarzynskiPcd stepsPerUpdate(int k) {
    return new JarzynskiPcd(kernel, init, threshold, resampling, k);
  }

  @Override
  public String name() {
    return "jarzynski";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    final Kernel kernel = this.kernel.fresh();
    Chains chains = kernel.init(e, init.positions(e, data, rng));
    double logZ0 = e instanceof ExactNormalizer z ? z.logZ() : Double.NaN;
    INDArray w = Batches.zeros(chains.size());
    WeightSummary first = chains.normalizedWeights(w);
    return new Estimator() {
      private double offset;
      private int resamplings;
      private boolean resampled;
      private double ess = first.essFraction();
      private double logMean = first.logMeanExp();
      private double acceptance = Double.NaN;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        Likelihood.positive(e, batch, out);
        e.accumulateParamGradient(chains.positions(), w, -1.0, out);
      }

      @Override
      public void afterUpdate() {
        double acc = kernel.transport(e, chains, rng).acceptance();
        for (int t = 1; t < stepsPerUpdate; t++) {
          acc += (kernel.leavesTargetInvariant() ? kernel.step(e, chains, rng) : kernel.transport(e, chains, rng))
              .acceptance();
        }
        acceptance = acc / stepsPerUpdate;
        WeightSummary ws = chains.normalizedWeights(w);
        ess = ws.essFraction();
        logMean = ws.logMeanExp();
        resampled = ess < threshold;
        if (resampled) {
          offset += logMean;
          chains.resample(resampling.ancestors(Batches.toArray(w), rng));
          java.nio.DoubleBuffer wb = Batches.buffer(w);
          for (int i = 0; i < chains.size(); i++) {
            wb.put(i, 1.0 / chains.size());
          }
          logMean = 0;
          resamplings++;
        }
      }

      @Override
      public void record(Map<String, Double> row) {
        double ratio = offset + logMean;
        row.put("essFraction", ess);
        row.put("resampled", resampled ? 1.0 : 0.0);
        row.put("resamplings", (double) resamplings);
        row.put("logZRatio", ratio);
        row.put("logZ", logZ0 + ratio);
        row.put("acceptance", acceptance);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        chains.save(s.child("walkers"));
        kernel.save(s.child("kernel"));
        s.put("weights", Batches.toArray(w)).put("offset", offset).put("ess", ess).put("logMean", logMean)
            .put("acceptance", acceptance).putLongs("resamplings", resamplings).putLongs("resampled",
                resampled ? 1 : 0);
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        chains.restore(s.child("walkers"));
        kernel.restore(s.child("kernel"));
        double[] ws = s.doubles("weights");
        java.nio.DoubleBuffer wb = Batches.buffer(w);
        for (int i = 0; i < ws.length; i++) {
          wb.put(i, ws[i]);
        }
        offset = s.scalar("offset");
        ess = s.scalar("ess");
        logMean = s.scalar("logMean");
        acceptance = s.scalar("acceptance");
        resamplings = (int) s.longs("resamplings")[0];
        resampled = s.longs("resampled")[0] == 1;
      }

      @Override
      public Chains chains() {
        return chains;
      }
    };
  }
}
