package io.ebm4j.discrete;

import io.ebm4j.random.Rng;
import java.util.Map;
import io.ebm4j.random.SplitMix;
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

  /**
   * With the default block Gibbs kernel the work runs in fused Java loops ({@link RbmFused}); other kernels go through
   * {@link BinaryChains}. The fused loop keeps p(h | X) from the negative phase and starts each update's sweep from it:
   * h ~ p(h | X) at the parameters before the update, then X ~ p(v | h) and p(h | X) at the new ones (the ordering of
   * Tieleman's and scikit-learn's implementations, one product with W fewer than a full sweep at the new
   * parameters); further sweeps of the same update are full sweeps at the new parameters. {@link RbmTraining} runs the
   * same step, whole SGD updates included, in single-precision vector loops (from this estimator's walkers); the
   * double-precision {@code gradient} and {@code afterUpdate} here serve other callers.
   */
  @Override
  public Estimator start(Rbm rbm, INDArray data, Rng rng) {
    INDArray x0 = fromModel ? ExactPartition.sample(rbm, walkers, rng) : RbmNegativePhase.dataRows(data, walkers, rng);
    if (kernel instanceof BlockGibbs) {
      return fused(rbm, x0, rng);
    }
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

  private Estimator fused(Rbm rbm, INDArray x0, Rng rng) {
    final RbmFused f = new RbmFused(rbm.visible(), rbm.hidden());
    final SplitMix r = rng.stream(0);
    final int n = walkers;
    final double[] x = RbmFused.rows(x0, null);
    final double[] s = new double[n * f.nh];
    final double[] h = new double[n * f.nh];
    final double[] pre = new double[f.nv];
    f.load(rbm);
    f.hiddenProbabilities(x, n, s);
    final class Fused implements Estimator, RbmSgd.Source {
      private double[] v;
      private double[] sv;

      @Override
      public RbmSgd sgd() {
        return new RbmPcdSgd(rbm, x, n, sweeps, r);
      }

      @Override
      public void gradient(INDArray batch, INDArray out) {
        int m = (int) batch.rows();
        v = RbmFused.rows(batch, v);
        if (sv == null || sv.length < m * f.nh) {
          sv = new double[m * f.nh];
        }
        f.clear();
        f.hiddenProbabilities(v, m, sv);
        f.accumulate(v, sv, m, 1.0 / m);
        f.accumulate(x, s, n, -1.0 / n);
        f.addTo(out);
      }

      @Override
      public void afterUpdate() {
        f.sample(s, n * f.nh, h, r);
        f.load(rbm);
        f.sampleVisible(h, n, x, pre, r);
        f.hiddenProbabilities(x, n, s);
        for (int t = 1; t < sweeps; t++) {
          f.sample(s, n * f.nh, h, r);
          f.sampleVisible(h, n, x, pre, r);
          f.hiddenProbabilities(x, n, s);
        }
      }

      @Override
      public void record(Map<String, Double> row) {}
    }
    return new Fused();
  }
}
