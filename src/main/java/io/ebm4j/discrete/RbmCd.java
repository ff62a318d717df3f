package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import java.util.Map;
import io.ebm4j.random.SplitMix;
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

  /**
   * With the default block Gibbs kernel the work runs in fused Java loops ({@link RbmFused}); other kernels go through
   * {@link BinaryChains}. Both draw the same chains in law (not the same random numbers).
   */
  @Override
  public Estimator start(Rbm rbm, INDArray data, Rng rng) {
    if (kernel instanceof BlockGibbs) {
      return fused(rbm, rng);
    }
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

  private Estimator fused(Rbm rbm, Rng rng) {
    final RbmFused f = new RbmFused(rbm.visible(), rbm.hidden());
    final SplitMix r = rng.stream(0);
    final double[] pre = new double[rbm.visible()];
    return new Estimator() {
      private double[] v0;
      private double[] v;
      private double[] s;
      private double[] h;

      @Override
      public void gradient(INDArray batch, INDArray out) {
        int n = (int) batch.rows();
        f.load(rbm);
        v0 = RbmFused.rows(batch, v0);
        if (s == null || s.length < n * f.nh) {
          s = new double[n * f.nh];
          h = new double[n * f.nh];
          v = new double[n * f.nv];
        }
        f.clear();
        f.hiddenProbabilities(v0, n, s);
        f.accumulate(v0, s, n, 1.0 / n);
        double[] x = v0;
        for (int t = 0; t < sweeps; t++) {
          f.sample(s, n * f.nh, h, r);
          f.sampleVisible(h, n, v, pre, r);
          f.hiddenProbabilities(v, n, s);
          x = v;
        }
        f.accumulate(x, s, n, -1.0 / n);
        f.addTo(out);
      }

      @Override
      public void afterUpdate() {}

      @Override
      public void record(Map<String, Double> row) {}
    };
  }
}
