package io.ebm4j.train;

import io.ebm4j.energy.TrainableEnergy;
import io.ebm4j.random.Rng;
import io.ebm4j.sample.Chains;
import io.ebm4j.sample.Kernel;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Persistent contrastive divergence (Tieleman 2008): N walkers survive across training steps; each step uses their
 * plain average of dU/dtheta as the negative phase, then moves them under the updated energy. Without weights the
 * walkers' law lags behind rho_theta; with wells far apart it never changes at all and (seed 000) one mode
 * collapses.
 *
 * <pre>{@code
 * Method pcd = Methods.pcd(Kernels.ula(0.1)).walkers(10_000).initFromModel();
 * }</pre>
 */
public final class PersistentContrastiveDivergence implements Method {
  private final Kernel kernel;
  private final WalkerInit init;
  private final int stepsPerUpdate;

  PersistentContrastiveDivergence(Kernel kernel, WalkerInit init, int stepsPerUpdate) {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (stepsPerUpdate < 1) {
      throw new IllegalArgumentException("stepsPerUpdate must be at least 1, got " + stepsPerUpdate);
    }
    this.kernel = kernel;
    this.init = init;
    this.stepsPerUpdate = stepsPerUpdate;
  }

  /** Number of walkers N. */
  public PersistentContrastiveDivergence walkers(int n) {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(n, init.from(), init.x0()), stepsPerUpdate);
  }

  /** Start walkers at exact draws of the initial model (the default). */
  public PersistentContrastiveDivergence initFromModel() {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(init.walkers(), WalkerInit.MODEL, null),
        stepsPerUpdate);
  }

  /** Start walkers at random rows of the training data. */
  public PersistentContrastiveDivergence initFromData() {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(init.walkers(), WalkerInit.DATA, null),
        stepsPerUpdate);
  }

  /** Start walkers at the given positions [N, d]. */
  public PersistentContrastiveDivergence initFrom(INDArray x0) {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit((int) x0.rows(), WalkerInit.GIVEN, x0),
        stepsPerUpdate);
  }

  /** Kernel steps per parameter update (default 1). */
  public PersistentContrastiveDivergence stepsPerUpdate(int k) {
    return new PersistentContrastiveDivergence(kernel, init, k);
  }

  @Override
  public String name() {
    return "pcd";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    Chains chains = kernel.init(e, init.positions(e, data, rng));
    return new Estimator() {
      private double acceptance = Double.NaN;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        Likelihood.positive(e, batch, out);
        e.accumulateParamGradient(chains.positions(), null, -1.0 / chains.size(), out);
      }

      @Override
      public void afterUpdate() {
        double acc = kernel.transport(e, chains, rng).acceptance();
        for (int t = 1; t < stepsPerUpdate; t++) {
          acc += kernel.step(e, chains, rng).acceptance();
        }
        acceptance = acc / stepsPerUpdate;
        chains.resetWeights();
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("acceptance", acceptance);
      }

      @Override
      public Chains chains() {
        return chains;
      }
    };
  }
}
