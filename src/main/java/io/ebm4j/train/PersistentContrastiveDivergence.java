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
 * walkers' law lags behind rho_theta; with wells far apart it never changes at all and one mode
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
  private final int restartEvery;

  PersistentContrastiveDivergence(Kernel kernel, WalkerInit init, int stepsPerUpdate) {
    this(kernel, init, stepsPerUpdate, 0);
  }

  private PersistentContrastiveDivergence(Kernel kernel, WalkerInit init, int stepsPerUpdate, int restartEvery) {
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    if (stepsPerUpdate < 1) {
      throw new IllegalArgumentException("stepsPerUpdate must be at least 1, got " + stepsPerUpdate);
    }
    this.kernel = kernel;
    this.init = init;
    this.stepsPerUpdate = stepsPerUpdate;
    if (restartEvery < 0) {
      throw new IllegalArgumentException("restartFromDataEvery must be >= 1, got " + restartEvery);
    }
    this.restartEvery = restartEvery;
  }

  /**
   * Moves the walkers back to random data rows after every k-th update (the "CD" of Carbone et al.'s code: persistent
   * chains reset to the data every few iterations). 0 = never (plain PCD).
   */
  public PersistentContrastiveDivergence restartFromDataEvery(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("restartFromDataEvery must be >= 1, got " + k);
    }
    return new PersistentContrastiveDivergence(kernel, init, stepsPerUpdate, k);
  }

  /** Number of walkers N. */
  public PersistentContrastiveDivergence walkers(int n) {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(n, init.from(), init.x0()), stepsPerUpdate,
        restartEvery);
  }

  /** Start walkers at exact draws of the initial model (the default). */
  public PersistentContrastiveDivergence initFromModel() {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(init.walkers(), WalkerInit.MODEL, null),
        stepsPerUpdate, restartEvery);
  }

  /** Start walkers at random rows of the training data. */
  public PersistentContrastiveDivergence initFromData() {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit(init.walkers(), WalkerInit.DATA, null),
        stepsPerUpdate, restartEvery);
  }

  /** Start walkers at the given positions [N, d]. */
  public PersistentContrastiveDivergence initFrom(INDArray x0) {
    return new PersistentContrastiveDivergence(kernel, new WalkerInit((int) x0.rows(), WalkerInit.GIVEN, x0),
        stepsPerUpdate, restartEvery);
  }

  /** Kernel steps per parameter update (default 1). */
  public PersistentContrastiveDivergence stepsPerUpdate(int k) {
    return new PersistentContrastiveDivergence(kernel, init, k, restartEvery);
  }

  @Override
  public String name() {
    return restartEvery > 0 ? "pcd-restart-" + restartEvery : "pcd";
  }

  @Override
  public Estimator start(TrainableEnergy e, INDArray data, Rng rng) {
    final Kernel kernel = this.kernel.fresh();
    Chains chains = kernel.init(e, init.positions(e, data, rng));
    INDArray restartBuffer = restartEvery > 0 ? io.ebm4j.nd.Batches.zeros(chains.size(), e.dim()) : null;
    return new Estimator() {
      private double acceptance = Double.NaN;
      private int updates;

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
        if (restartEvery > 0 && updates % restartEvery == 0) {
          chains.restart(e, WalkerInit.sampleRows(data, rng, restartBuffer));
        }
        updates++;
      }

      @Override
      public void record(Map<String, Double> row) {
        row.put("acceptance", acceptance);
      }

      @Override
      public void save(io.ebm4j.nd.State s) {
        chains.save(s.child("walkers"));
        kernel.save(s.child("kernel"));
        s.put("acceptance", acceptance).putLongs("updates", updates);
      }

      @Override
      public void restore(io.ebm4j.nd.State s) {
        chains.restore(s.child("walkers"));
        kernel.restore(s.child("kernel"));
        acceptance = s.scalar("acceptance");
        updates = (int) s.longs("updates")[0];
      }

      @Override
      public Chains chains() {
        return chains;
      }
    };
  }
}
