package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AnnealedImportanceSamplingTest {
  /**
   * 64 visible, 20 hidden, weights N(0, 0.4^2) (hidden pre-activations of spread about 1.7 on typical v), visible
   * biases N(-1, 0.5^2), hidden biases N(-0.5, 0.5^2).
   */
  private static Rbm model() {
    Rng rng = new Rng(41);
    Rbm r = Rbm.random(64, 20, 0.4, rng);
    for (int k = 0; k < 64; k++) {
      r.visibleBias().putScalar(0, k, -1 + 0.5 * rng.normal());
    }
    for (int j = 0; j < 20; j++) {
      r.hiddenBias().putScalar(0, j, -0.5 + 0.5 * rng.normal());
    }
    return r;
  }

  /** Samples of the model from long block-Gibbs runs, for the base-rate biases. */
  private static INDArray data(Rbm r) {
    DiscreteKernel<Rbm> k = DiscreteKernels.blockGibbs();
    BinaryChains c = k.init(r, BinaryStates.random(500, 64, Encoding.ZERO_ONE, 42));
    Rng rng = new Rng(43);
    for (int t = 0; t < 200; t++) {
      k.step(r, c, rng);
    }
    return c.positions().dup();
  }

  @Test
  void aisFromABaseRateRbmIsWithinOneTenthNatOfTheExactLogZ() {
    Rbm r = model();
    double exact = ExactPartition.logZ(r);
    LogZEstimate est = AnnealedImportanceSampling.of(r).baseFrom(data(r)).betas(5_000).runs(100).seed(44)
        .estimate();
    System.out.printf("AIS 64x20: log Z %.4f +- %.4f (ESS/M %.2f) vs exact %.4f%n", est.logZ(), est.stdError(),
        est.essFraction(), exact);
    assertEquals(exact, est.logZ(), 0.1);
    assertTrue(est.stdError() > 0 && est.stdError() < 0.1, "standard error " + est.stdError());
  }

  @Test
  void aisIsExactForAZeroWeightModelWhateverTheBase() {
    Rbm r = Rbm.of(10, 5);
    for (int k = 0; k < 10; k++) {
      r.visibleBias().putScalar(0, k, 0.3 * k - 1);
    }
    for (int j = 0; j < 5; j++) {
      r.hiddenBias().putScalar(0, j, 0.2 * j);
    }
    // W = 0: each importance weight is deterministic given v, and the estimate is unbiased; with the base equal to
    // the model's own visible marginal every weight is exactly log Z - log Z_0
    INDArray data = ExactPartition.sample(r, 200_000, new Rng(45));
    LogZEstimate est = AnnealedImportanceSampling.of(r).baseFrom(data).betas(100).runs(2000).seed(46).estimate();
    assertEquals(ExactPartition.logZ(r), est.logZ(), 0.01);
  }

  @Test
  void badSettingsAreRejected() {
    Rbm r = Rbm.of(3, 2);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnealedImportanceSampling.of(r).betas(2))
        .getMessage().contains("betas must be at least 3, got 2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AnnealedImportanceSampling.of(r).runs(1))
        .getMessage().contains("runs must be at least 2, got 1"));
    double[] beta = AnnealedImportanceSampling.of(r).betas(1000).schedule();
    assertEquals(1001, beta.length);
    for (int k = 1; k < beta.length; k++) {
      assertTrue(beta[k] > beta[k - 1], "schedule increases at " + k);
    }
    assertEquals(1.0, beta[1000], 0);
  }
}
