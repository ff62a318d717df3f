package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Persistent contrastive divergence (Tieleman, "Training restricted Boltzmann machines using approximations to the
 * likelihood gradient", ICML 2008): N walkers persist across updates; the negative phase is their mean dF/dtheta,
 * and after each update they move k sweeps under the new parameters.
 */
public final class RbmPcd implements RbmMethod {
  private final int sweeps;
  private final int walkers;
  private final boolean fromModel;
  private final DiscreteKernel<? super Rbm> kernel;

  RbmPcd(int sweeps, int walkers, boolean fromModel, DiscreteKernel<? super Rbm> kernel) {
    RbmNegativePhase.requireSweeps(sweeps);
    RbmNegativePhase.requireWalkers(walkers);
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    this.sweeps = sweeps;
    this.walkers = walkers;
    this.fromModel = fromModel;
    this.kernel = kernel;
  }

  /** Number of persistent walkers N (default 100). */
  public RbmPcd walkers(int n) {
    return new RbmPcd(sweeps, n, fromModel, kernel);
  }

  /** Start walkers at exact draws of the initial RBM ({@link ExactPartition#sample}) instead of data rows. */
  public RbmPcd initFromModel() {
    return new RbmPcd(sweeps, walkers, true, kernel);
  }

  /** The kernel moving the walkers (default block Gibbs). */
  public RbmPcd kernel(DiscreteKernel<? super Rbm> k) {
    return new RbmPcd(sweeps, walkers, fromModel, k);
  }

  @Override
  public String name() {
    return "pcd";
  }

  @Override
  public Estimator start(Rbm rbm, INDArray data, Rng rng) {
    INDArray x0 = fromModel ? ExactPartition.sample(rbm, walkers, rng) : RbmNegativePhase.dataRows(data, walkers, rng);
    BinaryChains c = kernel.init(rbm, x0);
    return new Estimator() {
      @Override
      public void gradient(INDArray batch, INDArray out) {
        rbm.accumulateParamGradient(batch, null, 1.0 / batch.rows(), out);
        RbmNegativePhase.accumulate(rbm, c, null, -1.0 / c.n, out);
      }

      @Override
      public void afterUpdate() {
        kernel.refresh(rbm, c);
        for (int t = 0; t < sweeps; t++) {
          kernel.step(rbm, c, rng);
        }
      }

      @Override
      public void record(Map<String, Double> row) {}
    };
  }
}
