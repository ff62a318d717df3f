package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Contrastive divergence CD-k (Hinton, "Training products of experts by minimizing contrastive divergence", Neural
 * Computation 14(8), 2002): the negative phase is mean dF/dtheta over chains started at the minibatch and run for k
 * sweeps of the kernel.
 */
public final class RbmCd implements RbmMethod {
  private final int sweeps;
  private final DiscreteKernel<? super Rbm> kernel;

  RbmCd(int sweeps, DiscreteKernel<? super Rbm> kernel) {
    RbmNegativePhase.requireSweeps(sweeps);
    if (kernel == null) {
      throw new IllegalArgumentException("kernel must not be null");
    }
    this.sweeps = sweeps;
    this.kernel = kernel;
  }

  /** The kernel run from the data (default block Gibbs). */
  public RbmCd kernel(DiscreteKernel<? super Rbm> k) {
    return new RbmCd(sweeps, k);
  }

  @Override
  public String name() {
    return "cd";
  }

  @Override
  public Estimator start(Rbm rbm, INDArray data, Rng rng) {
    return new Estimator() {
      @Override
      public void gradient(INDArray batch, INDArray out) {
        double scale = 1.0 / batch.rows();
        rbm.accumulateParamGradient(batch, null, scale, out);
        BinaryChains c = kernel.init(rbm, batch);
        for (int t = 0; t < sweeps; t++) {
          kernel.step(rbm, c, rng);
        }
        RbmNegativePhase.accumulate(rbm, c, null, -scale, out);
      }

      @Override
      public void afterUpdate() {}

      @Override
      public void record(Map<String, Double> row) {}
    };
  }
}
