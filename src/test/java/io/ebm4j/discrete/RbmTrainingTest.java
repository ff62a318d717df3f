package io.ebm4j.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ebm4j.nd.Batches;
import io.ebm4j.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.Table;

class RbmTrainingTest {
  /** n rows: one of three 10-bit prototypes, each bit flipped with probability 0.1. */
  static INDArray prototypes(int n, long seed) {
    int[][] protos = {{1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 1, 1, 1, 1, 1}, {1, 0, 1, 0, 1, 0, 1, 0, 1, 0}};
    Rng rng = new Rng(seed);
    INDArray x = Batches.zeros(n, 10);
    for (int i = 0; i < n; i++) {
      int[] p = protos[rng.nextInt(3)];
      for (int k = 0; k < 10; k++) {
        x.putScalar(i, k, rng.uniform() < 0.1 ? 1 - p[k] : p[k]);
      }
    }
    return x;
  }

  private static Rbm start(INDArray data) {
    return Rbm.random(10, 8, 0.1, new Rng(51)).visibleBiasFrom(data);
  }

  @Test
  void jarzynskiLogZTracksTheExactLogZDuringTrainingWithin008Nats() {
    // 300 updates at learning rate 0.1 with 10^4 walkers: log Z moves by about 2 nats; the estimate stays within
    // 0.08 nats of it (the gap is mostly the O(learningRate * updates / walkers) bias from the parameters depending
    // on the walkers, see RbmJarzynski)
    INDArray data = prototypes(300, 50);
    RbmFit fit = RbmTraining.of(start(data)).method(RbmMethods.jarzynski().walkers(10_000).resampleBelowEss(0.5))
        .learningRate(0.1).batchSize(20).epochs(20).seed(52).fit(data);
    Table h = fit.history();
    double[] est = h.doubleColumn("logZ").asDoubleArray();
    double[] exact = h.doubleColumn("exactLogZ").asDoubleArray();
    double[] ll = h.doubleColumn("logLikelihood").asDoubleArray();
    double worst = 0;
    for (int e = 0; e < est.length; e++) {
      worst = Math.max(worst, Math.abs(est[e] - exact[e]));
    }
    System.out.printf("Jarzynski-PCD 10x8: max |logZ - exact| over %d epochs = %.4f; exact log Z %.3f -> %.3f;"
        + " log-likelihood %.3f -> %.3f; resamplings %.0f%n", est.length - 1, worst, exact[0],
        exact[exact.length - 1], ll[0], ll[ll.length - 1], h.doubleColumn("resamplings").get(h.rowCount() - 1));
    assertTrue(exact[exact.length - 1] - exact[0] > 1, "log Z moved by more than a nat, so tracking is non-trivial");
    assertTrue(worst < 0.08, "max |logZ estimate - exact| " + worst);
    assertTrue(ll[ll.length - 1] > ll[0] + 1, "log-likelihood " + ll[0] + " -> " + ll[ll.length - 1]);
  }

  @Test
  void jarzynskiWorksWithAnyInvariantKernelHereHeatBathGibbs() {
    INDArray data = prototypes(200, 57);
    RbmFit fit = RbmTraining.of(start(data))
        .method(RbmMethods.jarzynski().walkers(3000).kernel(DiscreteKernels.heatBath()))
        .learningRate(0.1).batchSize(20).epochs(8).seed(58).fit(data);
    Table h = fit.history();
    double[] est = h.doubleColumn("logZ").asDoubleArray();
    double[] exact = h.doubleColumn("exactLogZ").asDoubleArray();
    double worst = 0;
    for (int e = 0; e < est.length; e++) {
      worst = Math.max(worst, Math.abs(est[e] - exact[e]));
    }
    System.out.printf("Jarzynski-PCD 10x8 with heat-bath Gibbs: max |logZ - exact| = %.4f, log Z %.3f -> %.3f%n",
        worst, exact[0], exact[exact.length - 1]);
    assertTrue(worst < 0.08, "max |logZ estimate - exact| " + worst);
  }

  @Test
  void cdAndPcdRaiseTheExactLogLikelihood() {
    INDArray data = prototypes(300, 53);
    for (RbmMethod m : new RbmMethod[] {RbmMethods.cd(1), RbmMethods.pcd(1).walkers(200)}) {
      Table h = RbmTraining.of(start(data)).method(m).learningRate(0.1).batchSize(20).epochs(30).seed(54)
          .fit(data).history();
      double[] ll = h.doubleColumn("logLikelihood").asDoubleArray();
      double[] pll = h.doubleColumn("pseudoLogLikelihood").asDoubleArray();
      System.out.printf("%s 10x8: log-likelihood %.3f -> %.3f, pseudo-log-likelihood %.6f -> %.6f%n", m.name(), ll[0],
          ll[ll.length - 1], pll[0], pll[pll.length - 1]);
      assertTrue(ll[ll.length - 1] > ll[0] + 1, m.name() + " log-likelihood " + ll[0] + " -> " + ll[ll.length - 1]);
      assertTrue(pll[pll.length - 1] > pll[0] + 1, m.name() + " PLL " + pll[0] + " -> " + pll[pll.length - 1]);
    }
  }

  @Test
  void sameSeedGivesTheSameFitAndTheCallersRbmIsUnchanged() {
    // 3000 walkers: the kernels and gradients run chunk-parallel, and must still repeat exactly
    INDArray data = prototypes(100, 55);
    Rbm r = start(data);
    double[] before = Batches.toArray(r.params());
    double[][] fits = new double[2][];
    for (int t = 0; t < 2; t++) {
      fits[t] = Batches.toArray(RbmTraining.of(r).method(RbmMethods.jarzynski().walkers(3000)).epochs(2).seed(56)
          .fit(data).rbm().params());
    }
    assertArrayEquals(fits[0], fits[1]);
    assertArrayEquals(before, Batches.toArray(r.params()));
  }

  @Test
  void badSettingsAreRejected() {
    Rbm r = Rbm.of(10, 8);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmTraining.of(r).learningRate(-0.1)).getMessage()
        .contains("learningRate must be positive and finite, got -0.1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmTraining.of(r).batchSize(0)).getMessage()
        .contains("batchSize must be at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmMethods.pcd(0)).getMessage()
        .contains("sweeps must be at least 1, got 0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmMethods.jarzynski().resampleBelowEss(1.5))
        .getMessage().contains("resampleBelowEss must be in (0, 1], got 1.5"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RbmTraining.of(r).fit(prototypes(5, 1)))
        .getMessage().contains("method must be set"));
  }
}
